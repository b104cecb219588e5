/** The part of koa2-ratelimit (which ships no types) that the shared login rate-limit store uses. */
declare module 'koa2-ratelimit' {
  export const Stores: {
    Store: abstract new () => object;
  };
}
