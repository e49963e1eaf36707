import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ADMIN_ABILITIES, isOwnAdminRoute } from '../admin-nav.js';
import { api } from '../api.js';
import { AppHeader } from '../components/app-header.js';
import { CreateCustomerForm } from '../components/create-customer-form.js';
import { CustomerCardView } from '../components/customer-card-view.js';
import { CustomerSearch } from '../components/customer-search.js';
import { DemoCallPanel } from '../components/demo-call-panel.js';
import { alertText, HotAlerts, type LiveAlert } from '../components/hot-alerts.js';
import { IncomingCallBanner } from '../components/incoming-call-banner.js';
import { LogContactForm, type CallContext } from '../components/log-contact-form.js';
import { ShortcutsHelp } from '../components/shortcuts-help.js';
import { NpsPanel } from '../components/nps-panel.js';
import type { PhoneSuggestion } from '../components/phone-number-picker.js';
import { labelOf } from '../components/customer-accounts.js';
import { errorMessage } from '../error-message.js';
import { formatPhone } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { CustomerCard, IncomingCall, Reason, User } from '../types.js';
import { useReaderTeam } from '../use-case-references.js';
import { useConsoleEvents } from '../use-console-events.js';
import { useShortcuts } from '../use-shortcuts.js';
import { linkTo, type Route } from '../use-route.js';
import { QUALITY_ABILITIES } from '../quality-nav.js';

// Pages few roles open, loaded on first visit.
const PhoneSimulatorPage = lazy(() => import('./phone-simulator-page.js').then((m) => ({ default: m.PhoneSimulatorPage })));
const SurveyAdminPage = lazy(() => import('./survey-admin-page.js').then((m) => ({ default: m.SurveyAdminPage })));
const NpsDashboardPage = lazy(() => import('./nps-dashboard-page.js').then((m) => ({ default: m.NpsDashboardPage })));
const CasesPage = lazy(() => import('./cases-page.js').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('./case-page.js').then((m) => ({ default: m.CasePage })));
const ParetoPage = lazy(() => import('./pareto-page.js').then((m) => ({ default: m.ParetoPage })));
const ReviewPage = lazy(() => import('./review-page.js').then((m) => ({ default: m.ReviewPage })));
const ActionsPage = lazy(() => import('./actions-page.js').then((m) => ({ default: m.ActionsPage })));
const AdminUsersPage = lazy(() => import('./admin-users-page.js').then((m) => ({ default: m.AdminUsersPage })));
const AdminTeamsPage = lazy(() => import('./admin-teams-page.js').then((m) => ({ default: m.AdminTeamsPage })));
const AdminPages = lazy(() => import('./admin-pages.js').then((m) => ({ default: m.AdminPages })));
const QualityPage = lazy(() => import('./quality-page.js').then((m) => ({ default: m.QualityPage })));

/** What opening each page other than the console takes (any one of its abilities). */
const PAGE_ABILITIES: Record<Exclude<Route['page'], 'console'>, readonly string[]> = {
  phone: ['sms.simulate'],
  surveys: ['survey.read'],
  nps: ['nps.read'],
  pareto: ['analysis.read'],
  review: ['review.read'],
  cases: ['followup.read', 'complaint.read'],
  case: ['followup.read', 'complaint.read'],
  actions: ['action.read'],
  'admin-users': ['user.manage'],
  'admin-teams': ['org.manage'],
  admin: ADMIN_ABILITIES,
  'admin-reasons': ['reason.manage'],
  'admin-tokens': ['token.manage'],
  'admin-audit': ['audit.read'],
  'admin-studies': ['study.read', 'study.import'],
  quality: QUALITY_ABILITIES,
};

type View =
  | { kind: 'empty' }
  | { kind: 'loading'; customerId: string }
  | { kind: 'card'; card: CustomerCard; version: number }
  | { kind: 'error'; message: string }
  /** `attempt` keys the form: each new start is a clean form */
  | { kind: 'create'; phone: string | undefined; fromCall: boolean; attempt: number };

/**
 * The advisor's workspace: search, live call banner, customer card, history and contact logging,
 * the NPS of their team. The header, the live calls and the banner stay on every page; the
 * workspace stays mounted (hidden) while another page is open, so the card is still there on return.
 */
export function ConsolePage({
  user,
  onLogout,
  route: requested,
  navigate,
}: {
  user: User;
  onLogout: () => void;
  route: Route;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const can = (ability: string) => user.abilities.includes(ability);
  // A page the role may not open falls back to the console.
  const route: Route = requested.page !== 'console' && !PAGE_ABILITIES[requested.page].some(can) ? { page: 'console' } : requested;
  // Whose NPS figures this reader sees is the server's rule: own-team readers get no team filter.
  const ownTeam = user.npsScope.teams === 'own';
  const onConsole = route.page === 'console';
  useEffect(() => {
    if (requested.page !== route.page) navigate(route, { replace: true });
  }, [requested.page, route.page]);
  const [npsKey, setNpsKey] = useState(0);
  const [view, setView] = useState<View>({ kind: 'empty' });
  const [call, setCall] = useState<IncomingCall | null>(null);
  /** the customer the current call is about (recognised, picked from the banner, or created from it) */
  const [callCustomerId, setCallCustomerId] = useState<string | undefined>();
  const [callEndedAt, setCallEndedAt] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState<string | undefined>();
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [demo, setDemo] = useState(false);
  /** follow-ups pushed live, newest first */
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  /** bumped when a follow-up is pushed: the queue and the case on screen reload */
  const [casesKey, setCasesKey] = useState(0);
  /** the case whose customer is being called back from the console */
  const [callBack, setCallBack] = useState<{ customerId: string; route: Extract<Route, { page: 'case' }> } | undefined>();
  const readsCases = PAGE_ABILITIES.cases.some(can);
  const team = useReaderTeam(user.id, readsCases);
  const reasonLabels = useMemo(() => new Map(reasons.map((r) => [r.code, r.label])), [reasons]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusCard = useRef(false);
  const loadSequence = useRef(0);
  /** bumped by each incoming call: the contact form starts clean for it */
  const [callSerial, setCallSerial] = useState(0);
  const createAttempt = useRef(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const sideRef = useRef<HTMLDivElement>(null);
  const searchFocus = useRef<HTMLDivElement>(null);

  const announce = useCallback((text: string) => {
    // Cleared first so the same words are read again for a second call.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(text), 50);
  }, []);

  useEffect(() => {
    let cancelled = false;
    api
      .demoLogins()
      .then((answer) => !cancelled && setDemo(answer.demo))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    api
      .reasons(language)
      .then(({ items }) => !cancelled && setReasons(items))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [language]);

  const showCard = useCallback((card: CustomerCard, focus: boolean) => {
    loadSequence.current++;
    focusCard.current = focus;
    setView((previous) => ({ kind: 'card', card, version: previous.kind === 'card' ? previous.version + 1 : 0 }));
  }, []);

  const openCustomer = useCallback(
    async (customerId: string, focus = true) => {
      const mine = ++loadSequence.current;
      setNotice(undefined);
      setView({ kind: 'loading', customerId });
      try {
        const card = await api.card(customerId);
        if (mine !== loadSequence.current) return;
        focusCard.current = focus;
        setView((previous) => ({ kind: 'card', card, version: previous.kind === 'card' ? previous.version + 1 : 0 }));
      } catch (error) {
        if (mine === loadSequence.current) setView({ kind: 'error', message: errorMessage(error, t, 'card.failed') });
      }
    },
    [t],
  );

  /** Reloads the open card in place (after logging a contact, or when a call ends). */
  const refreshCard = useCallback(async (customerId: string) => {
    const mine = ++loadSequence.current;
    try {
      const card = await api.card(customerId);
      if (mine !== loadSequence.current) return;
      setView((previous) =>
        previous.kind === 'card' && previous.card.customer.id === customerId
          ? // the repeat warning describes the customer as they reached us: the contact just logged does not count
            { kind: 'card', card: { ...card, flags: previous.card.flags }, version: previous.version + 1 }
          : previous,
      );
    } catch {
      // the card on screen stays as it was
    }
  }, []);

  useEffect(() => {
    if (view.kind === 'card' && focusCard.current) {
      focusCard.current = false;
      headingRef.current?.focus();
    }
  }, [view]);

  const viewRef = useRef(view);
  viewRef.current = view;
  const callCustomerRef = useRef(callCustomerId);
  callCustomerRef.current = callCustomerId;
  const callRef = useRef(call);
  callRef.current = call;

  const live = useConsoleEvents(can('console.subscribe'), {
    onIncomingCall(data) {
      // Focus goes to the caller when it is nowhere (the demo button just pressed, or the page itself), never away from a field.
      const active = document.activeElement;
      const focusCall = !active || active === document.body || active.closest('.demo-call') !== null;
      setCall({ ...data, state: 'ringing' });
      setCallSerial((n) => n + 1);
      window.scrollTo(0, 0);
      setCallEndedAt(undefined);
      if (focusCall && !data.recognition) setTimeout(() => document.getElementById('call-title')?.focus(), 0);
      const phone = formatPhone(data.phone);
      if (data.recognition) {
        setCallCustomerId(data.recognition.card.customer.id);
        setNotice(undefined);
        showCard(data.recognition.card, focusCall);
        announce(t('call.announce', { who: data.recognition.card.customer.displayName, phone }));
      } else {
        setCallCustomerId(undefined);
        announce(t('call.announceUnknown', { phone }));
      }
    },
    onCallAnswered({ callId }) {
      setCall((current) => (current && current.callId === callId ? { ...current, state: 'answered' } : current));
    },
    onCallEnded({ callId }) {
      if (callRef.current?.callId !== callId) return;
      setCall((current) => (current && current.callId === callId ? { ...current, state: 'ended' } : current));
      setCallEndedAt(new Date().toISOString());
      announce(t('call.announceEnded'));
      const current = viewRef.current;
      if (current.kind === 'card' && current.card.customer.id === callCustomerRef.current) void refreshCard(current.card.customer.id);
    },
    onFollowupAlert(event, data) {
      setAlerts((current) => [{ event, data }, ...current.filter((a) => a.data.id !== data.id)]);
      setCasesKey((n) => n + 1);
      announce(alertText(event, data, t, language));
    },
  });

  // Back on the console from another page: the card and the NPS may have changed meanwhile (a survey answer).
  const previousPage = useRef(route.page);
  useEffect(() => {
    if (route.page === 'console' && previousPage.current !== 'console') {
      const current = viewRef.current;
      if (current.kind === 'card') void refreshCard(current.card.customer.id);
      setNpsKey((n) => n + 1);
    }
    previousPage.current = route.page;
  }, [route.page, refreshCard]);

  const openFromCall = (customerId: string) => {
    setCallCustomerId(customerId);
    if (!onConsole) navigate({ page: 'console' });
    void openCustomer(customerId);
  };

  const startCreate = (phone: string | undefined, fromCall: boolean) => {
    if (!onConsole) navigate({ page: 'console' });
    setNotice(undefined);
    loadSequence.current++;
    setView({ kind: 'create', phone, fromCall, attempt: ++createAttempt.current });
  };

  const selectedId = view.kind === 'card' ? view.card.customer.id : view.kind === 'loading' ? view.customerId : undefined;
  const callContext: CallContext | undefined =
    call && view.kind === 'card' && view.card.customer.id === callCustomerId
      ? { callId: call.callId, at: call.at, ...(callEndedAt ? { endedAt: callEndedAt } : {}) }
      : undefined;

  // Numbers the phone simulator offers: the call's, and the open customer's mobile lines.
  const phoneSuggestions: PhoneSuggestion[] = [];
  if (call) {
    const who = call.recognition?.card.customer.displayName ?? t('call.unknown');
    phoneSuggestions.push({ msisdn: call.phone, label: t('phone.callNumber', { who }) });
  }
  if (view.kind === 'card') {
    for (const line of view.card.accounts.flatMap((a) => a.lines)) {
      if (line.kind !== 'mobile' || phoneSuggestions.some((s) => s.msisdn === line.msisdn)) continue;
      phoneSuggestions.push({ msisdn: line.msisdn, label: `${view.card.customer.displayName} · ${labelOf(t, 'lineKinds', line.kind)}` });
    }
  }

  const hangUp =
    call && demo && call.state !== 'ended' && call.callId.startsWith('demo-') ? () => void api.demoEndCall(call.callId).catch(() => undefined) : undefined;
  const canLog = can('interaction.create');
  const logCard = view.kind === 'card' && canLog ? view.card : undefined;

  useShortcuts(true, {
    search: () => {
      if (!onConsole) navigate({ page: 'console' });
      setTimeout(() => searchFocus.current?.querySelector<HTMLInputElement>('input')?.focus(), 0);
    },
    answer: () => {
      if (!onConsole) navigate({ page: 'console' });
      setTimeout(() => {
        const form = sideRef.current?.querySelector('form');
        const field = form?.querySelector<HTMLElement>('select[name="reason"]') ?? form?.querySelector<HTMLElement>('input, select, textarea');
        field?.focus();
      }, 0);
    },
    save: () => {
      if (onConsole) sideRef.current?.querySelector('form')?.requestSubmit();
    },
    hangUp,
    help: () => setHelpOpen(true),
  });

  // The log form's column: sticky, and never taller than what is left of the window below its top, so its save button stays in view.
  useEffect(() => {
    const side = sideRef.current;
    if (!side) return;
    const fit = () => {
      if (!window.matchMedia('(min-width: 901px)').matches) {
        side.style.maxHeight = '';
        return;
      }
      const top = Math.max(0, side.getBoundingClientRect().top);
      side.style.maxHeight = `${Math.max(240, window.innerHeight - top - 12)}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(document.body);
    window.addEventListener('scroll', fit, { passive: true });
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', fit);
      window.removeEventListener('resize', fit);
    };
  }, [logCard !== undefined, call !== null, onConsole]);

  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader user={user} live={live} onLogout={onLogout} route={route} navigate={navigate} />
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="call-announcement">
        {announcement}
      </div>
      <HotAlerts alerts={alerts} navigate={navigate} onDismiss={(id) => setAlerts((current) => current.filter((a) => a.data.id !== id))} />
      {call && (
        <div className="call-area">
          <IncomingCallBanner
            call={call}
            canCreate={can('customer.create')}
            onOpen={openFromCall}
            onCreate={(phone) => startCreate(phone, true)}
            onHangUp={hangUp}
            onDismiss={() => {
              setCall(null);
              setCallCustomerId(undefined);
            }}
          />
        </div>
      )}
      {route.page === 'phone' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <PhoneSimulatorPage msisdn={route.msisdn} suggestions={phoneSuggestions} onOpen={(msisdn) => navigate({ page: 'phone', msisdn })} />
          </Suspense>
        </main>
      )}
      {route.page === 'surveys' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <SurveyAdminPage section={route.section} canEdit={can('survey.manage')} navigate={navigate} />
          </Suspense>
        </main>
      )}
      {route.page === 'nps' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <NpsDashboardPage
              query={route.query}
              scope={user.npsScope}
              canReadStudies={can('study.read')}
              onQuery={(query) => navigate({ page: 'nps', query }, { replace: true })}
            />
          </Suspense>
        </main>
      )}
      {route.page === 'pareto' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <ParetoPage user={user} query={route.query} onQuery={(query) => navigate({ page: 'pareto', query }, { replace: true })} navigate={navigate} />
          </Suspense>
        </main>
      )}
      {route.page === 'review' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <ReviewPage month={route.month} onMonth={(month) => navigate({ page: 'review', month }, { replace: true })} />
          </Suspense>
        </main>
      )}
      {route.page === 'cases' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <CasesPage user={user} team={team} query={route.query} refreshKey={casesKey} navigate={navigate} />
          </Suspense>
        </main>
      )}
      {route.page === 'case' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <CasePage
              key={`${route.kind}:${route.id}`}
              kind={route.kind}
              id={route.id}
              user={user}
              team={team}
              reasonLabels={reasonLabels}
              refreshKey={casesKey}
              navigate={navigate}
              onCallCustomer={(customerId) => {
                setCallBack({ customerId, route });
                navigate({ page: 'console' });
                void openCustomer(customerId);
              }}
            />
          </Suspense>
        </main>
      )}
      {route.page === 'actions' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <ActionsPage user={user} query={route.query} navigate={navigate} />
          </Suspense>
        </main>
      )}
      {route.page === 'quality' && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <QualityPage route={route} user={user} navigate={navigate} />
          </Suspense>
        </main>
      )}
      {(route.page === 'admin-users' || route.page === 'admin-teams') && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>{route.page === 'admin-users' ? <AdminUsersPage navigate={navigate} /> : <AdminTeamsPage navigate={navigate} />}</Suspense>
        </main>
      )}
      {isOwnAdminRoute(route) && (
        <main id="main" className="page-main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <AdminPages route={route} user={user} navigate={navigate} />
          </Suspense>
        </main>
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <div className={`console-layout${logCard ? ' console-with-form' : ''}`} hidden={!onConsole}>
        <div className="console-rail">
          <aside className="console-aside" aria-label={t('search.title')}>
            <div ref={searchFocus}>
              <CustomerSearch
                selectedId={selectedId}
                canCreate={can('customer.create')}
                onSelect={(id) => void openCustomer(id)}
                onCreate={(phone) => startCreate(phone, false)}
              />
            </div>
            {demo && can('console.subscribe') && <DemoCallPanel />}
            <button type="button" className="button button-secondary button-small shortcuts-open" onClick={() => setHelpOpen(true)} aria-haspopup="dialog">
              <kbd aria-hidden="true">?</kbd> {t('callscreen.shortcuts.open')}
            </button>
          </aside>
          {logCard && (
            <div className="console-side" ref={sideRef}>
              <LogContactForm
                key={`${logCard.customer.id}:${callBack?.customerId === logCard.customer.id ? callBack.route.id : ''}:${callSerial}`}
                customerId={logCard.customer.id}
                call={callContext}
                outgoing={callBack !== undefined && callBack.customerId === logCard.customer.id}
                reasons={reasons}
                onLogged={() => void refreshCard(logCard.customer.id)}
              />
            </div>
          )}
        </div>
        <main id={onConsole ? 'main' : undefined} className="console-main" tabIndex={-1}>
          {notice && (
            <p className="notice notice-success" role="status">
              {notice}
            </p>
          )}
          {view.kind === 'empty' && (
            <section className="panel empty-state" aria-labelledby="empty-title">
              <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
                <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
              </svg>
              <h2 id="empty-title">{t('card.empty')}</h2>
              <p className="muted">{t('card.emptyHint')}</p>
            </section>
          )}
          {view.kind === 'loading' && (
            <section className="panel empty-state" aria-busy="true">
              <p className="muted">{t('app.loading')}</p>
            </section>
          )}
          {view.kind === 'error' && (
            <p className="notice notice-error" role="alert">
              {view.message}
            </p>
          )}
          {view.kind === 'create' && (
            <CreateCustomerForm
              key={view.attempt}
              phone={view.phone}
              fromCall={view.fromCall}
              onCancel={() => setView({ kind: 'empty' })}
              onCreated={(created) => {
                const ringing = callRef.current;
                if (view.fromCall && ringing) {
                  setCallCustomerId(created.id);
                  // The banner now shows who the caller is.
                  api
                    .recognize(ringing.phone)
                    .then((recognition) =>
                      setCall((current) => (current && current.callId === ringing.callId ? { ...current, recognition } : current)),
                    )
                    .catch(() => undefined);
                }
                setNotice(t('createCustomer.success', { number: created.customerNumber }));
                void openCustomer(created.id);
              }}
            />
          )}
          {view.kind === 'card' && (
            <CustomerCardView
              card={view.card}
              version={view.version}
              user={user}
              headingRef={headingRef}
              call={callContext}
              callBack={callBack && callBack.customerId === view.card.customer.id ? callBack.route : undefined}
              reasonLabels={reasonLabels}
              navigate={navigate}
            />
          )}
          {can('nps.read') && <NpsPanel refreshKey={npsKey} ownTeam={ownTeam} navigate={navigate} />}
        </main>
      </div>
    </div>
  );
}
