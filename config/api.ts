export default {
  // strictParams: an unknown top-level query parameter is a 400 instead of being ignored, and the
  // Document Service drops unknown root params and rejects a bad status, locale or pagination.
  rest: { defaultLimit: 25, maxLimit: 100, withCount: true, strictParams: true },
  documents: { strictParams: true },
};
