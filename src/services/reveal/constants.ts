/** The rules of revealing personal data (domain.md 2 and 8), in one place. */

/** Most reveals and exact searches on personal data one person may make in one window... */
export const REVEALS_PER_WINDOW = 20;
/** ...of this many minutes, counted from the audit log. */
export const REVEAL_WINDOW_MINUTES = 10;

/** A reason says why, in a few words at least and a paragraph at most. */
export const REVEAL_REASON_MIN_LENGTH = 4;
export const REVEAL_REASON_MAX_LENGTH = 500;

/** Actors who may reveal: a person, signed in; never a token, the public or a script. */
export const REVEALING_ACTORS = ['user', 'admin'] as const;

/**
 * An exact search on a national ID or phone tells whether a guessed value is someone's, so it is
 * a reveal-like act: a person's searches and reveals share one window.
 */
export const REVEAL_LIKE_ACTIONS = ['reveal', 'search', 'export'] as const;

/**
 * An API token is a trusted system, not a person: it may not reveal, and its exact searches have
 * their own window, larger for lookups by other school systems, small enough to stop enumeration.
 */
export const TOKEN_SEARCHES_PER_WINDOW = 200;
