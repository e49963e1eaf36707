import { useState } from 'react';
import { useT, type MessageKey } from '../i18n/index.js';
import { CaseActionForm, type ActionContext } from './case-action-form.js';
import type { ActionSpec, Draft } from './case-action-specs.js';

/**
 * The actions a case's state allows (the server's list), each a button that opens its form; one form
 * at a time. After an action the page reloads the case, and the buttons with it.
 */
export function CaseActions({
  specs,
  allowed,
  context,
  run,
  onDone,
}: {
  specs: readonly ActionSpec[];
  /** the actions the case allows, as the server says, less those the reader's role may not take or that would change nothing */
  allowed: readonly string[];
  context: ActionContext;
  run: (action: string, draft: Draft) => Promise<string>;
  /** the action was taken: `message` says so */
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<string | undefined>();
  const offered = specs.filter((spec) => allowed.includes(spec.action));
  // The next step of the case stands out: the first of the main steps its state allows.
  const next = offered.find((spec) => spec.primary)?.action;
  const openSpec = offered.find((spec) => spec.action === open);
  return (
    <section className="panel case-actions" aria-labelledby="case-actions-title">
      <h2 id="case-actions-title">{t('cases.actionsTitle')}</h2>
      {offered.length === 0 ? (
        <p className="empty">{t('cases.noAction')}</p>
      ) : (
        <div className="case-action-buttons">
          {offered.map((spec) => (
            <button
              key={spec.action}
              type="button"
              className={`button ${spec.action === next ? 'button-primary' : 'button-secondary'}`}
              aria-expanded={open === spec.action}
              onClick={() => setOpen(open === spec.action ? undefined : spec.action)}
            >
              {t(`cases.actions.${spec.action}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      {openSpec && (
        <CaseActionForm
          key={openSpec.action}
          spec={openSpec}
          context={context}
          submit={async (draft) => {
            const message = await run(openSpec.action, draft);
            setOpen(undefined);
            onDone(message);
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
