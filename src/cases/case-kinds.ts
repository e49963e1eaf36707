/**
 * The state machine of each kind of case, as data: its states, the one a case opens in, the actions
 * allowed from each state and where they lead, what an action requires, and the states that close
 * a case. `transition()` (case-service.ts) reads nothing else to accept or refuse an action.
 */

/** What the caller of an action must give with it. */
export type Requirement = 'reason' | 'assignee' | 'team';

/**
 * What an action does beside moving the case: pause or resume its clock (waiting for the customer),
 * set its assignee, or move it to another team (which clears the assignee unless one is given).
 */
export type Effect = 'pause' | 'resume' | 'assign' | 'transfer';

export interface TransitionRule<S extends string = string> {
  /** the states the action may be taken from */
  from: readonly S[];
  /** the state after it; absent: the case stays where it is (a comment, an assignment, a pause) */
  to?: S;
  requires?: readonly Requirement[];
  effect?: Effect;
  /**
   * A record that changes nothing anyone decides on (a message sent, a file attached): the case keeps
   * its version, so a person acting on what they read is not refused for it (409 case-version-conflict).
   */
  keepsVersion?: boolean;
}

export interface CaseKindDefinition<S extends string, A extends string> {
  /** stored in `cases.kind` */
  kind: string;
  states: readonly S[];
  /** the state a case opens in */
  initial: S;
  transitions: Record<A, TransitionRule<S>>;
  /** entering one closes the case (`closed_at`, no deadline); an action may still lead out of it (reopening) */
  terminal: readonly S[];
  /** a case of this kind may have no customer (default: it must have one) */
  partyOptional?: boolean;
}

/** A defined kind: its definition, checked. */
export interface CaseKind<S extends string = string, A extends string = string> extends CaseKindDefinition<S, A> {
  /** the actions, in the order of the definition */
  actions: readonly A[];
}

/** The action every case's first event records. */
export const OPENED = 'opened';

const KINDS = new Map<string, CaseKind>();

/**
 * Defines and registers a kind of case. Throws on a definition that contradicts itself (a state or
 * action out of its lists, a kind defined twice): a programming error found at start, not at run time.
 */
export function defineCaseKind<const S extends string, const A extends string>(definition: CaseKindDefinition<S, A>): CaseKind<S, A> {
  const { kind, states, initial, transitions, terminal } = definition;
  const problem = (what: string) => new Error(`case kind ${kind}: ${what}`);
  if (KINDS.has(kind)) throw problem('defined twice');
  if (new Set(states).size !== states.length) throw problem('a state is listed twice');
  const known = (state: string) => (states as readonly string[]).includes(state);
  if (!known(initial)) throw problem(`initial state ${initial} is not one of its states`);
  for (const state of terminal) if (!known(state)) throw problem(`terminal state ${state} is not one of its states`);
  const actions = Object.keys(transitions) as A[];
  for (const action of actions) {
    if (action === OPENED) throw problem(`"${OPENED}" is the opening, not an action`);
    const rule = transitions[action];
    if (rule.from.length === 0) throw problem(`action ${action} is allowed from no state`);
    for (const state of [...rule.from, ...(rule.to === undefined ? [] : [rule.to])]) {
      if (!known(state)) throw problem(`action ${action} names ${state}, not one of its states`);
    }
    if (rule.to !== undefined && (rule.effect === 'pause' || rule.effect === 'resume')) {
      throw problem(`action ${action} pauses or resumes the clock: it cannot also change the state`);
    }
  }
  const defined: CaseKind<S, A> = { ...definition, actions };
  KINDS.set(kind, defined as unknown as CaseKind);
  return defined;
}

/** The definition of a kind (throws on one no module defined: its module was not loaded). */
export function caseKind(kind: string): CaseKind {
  const defined = KINDS.get(kind);
  if (!defined) throw new Error(`case kind ${kind} is not defined (its module defines it with defineCaseKind)`);
  return defined;
}

/** Whether the state is one of the kind's terminal states. */
export function isTerminal(kind: CaseKind, state: string): boolean {
  return kind.terminal.includes(state);
}

/** The actions allowed from a state (what a client may offer a person). */
export function allowedActions(kind: CaseKind, state: string): string[] {
  return kind.actions.filter((action) => kind.transitions[action]!.from.includes(state));
}
