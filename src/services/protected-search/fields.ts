/** Which attributes hold personal data, in clear, masked or derived, and which may be searched. */

const STUDENT = 'api::student.student';
const STATUS_CHANGE = 'api::status-change.status-change';

/** Per content type: each attribute holding personal data or derived from it, to the field it protects. */
export const PROTECTED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [STUDENT]: {
    nationalId: 'nationalId', nationalIdCipher: 'nationalId', nationalIdIndex: 'nationalId',
    phone: 'phone', phoneCipher: 'phone', phoneIndex: 'phone',
    homeAddress: 'homeAddress', homeAddressCipher: 'homeAddress',
  },
  [STATUS_CHANGE]: { incomingNationalId: 'incomingNationalId', incomingNationalIdCipher: 'incomingNationalId' },
};

export const SEARCHABLE_FIELDS = ['nationalId', 'phone'] as const;
export type SearchableField = (typeof SEARCHABLE_FIELDS)[number];

/** The fields an exact search may use (one value, on the student itself), and their blind-index column. */
export const BLIND_INDEX_COLUMNS: Readonly<Record<string, Readonly<Record<SearchableField, string>>>> = {
  [STUDENT]: { nationalId: 'nationalIdIndex', phone: 'phoneIndex' },
};

/** The protected field an attribute of `uid` belongs to, or undefined. */
export function protectedFieldOf(uid: string, attribute: string): string | undefined {
  const attributes = PROTECTED_ATTRIBUTES[uid];
  return attributes && Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
}

/** The blind-index column answering an exact search on `attribute` of `uid`, or undefined. */
export function blindIndexColumnOf(uid: string, attribute: string): string | undefined {
  const columns = BLIND_INDEX_COLUMNS[uid] as Record<string, string> | undefined;
  return columns && Object.hasOwn(columns, attribute) ? columns[attribute] : undefined;
}

/** A searched value as it was indexed when stored (a national ID's x in upper case). */
export function normaliseSearchValue(field: SearchableField, value: string): string {
  return field === 'nationalId' ? value.trim().toUpperCase() : value.trim();
}
