/** The rules of revealing personal data (domain.md 2 and 8), in one place. */

/** Most reveals one person may make in one window... */
export const REVEALS_PER_WINDOW = 20;
/** ...of this many minutes, counted from the audit log. */
export const REVEAL_WINDOW_MINUTES = 10;

/** A reason says why, in a few words at least and a paragraph at most. */
export const REVEAL_REASON_MIN_LENGTH = 4;
export const REVEAL_REASON_MAX_LENGTH = 500;

/** Actors who may reveal: a person, signed in; never a token, the public or a script. */
export const REVEALING_ACTORS = ['user', 'admin'] as const;
