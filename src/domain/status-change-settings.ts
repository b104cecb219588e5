/**
 * The thresholds of status-change rules that each school sets (domain.md 3: "thresholds are
 * settings"). Stored in the 学校设置 single type; these are the defaults of the regulations.
 */
export interface StatusChangeSettings {
  /** Change of major: lowest average grade that qualifies on its own. */
  majorChangeMinAverage: number;
  /** Change of major: a rank in the top this many percent of the major qualifies too. */
  majorChangeTopPercent: number;
  majorChangeFirstYearOnly: boolean;
  /** Yearly window for change-of-major requests, as MM-DD (inclusive). */
  majorChangeWindowStart: string;
  majorChangeWindowEnd: string;
  /** How many approved changes of major one student may have. */
  majorChangeMaxTimes: number;
  illnessSuspensionMaxMonths: number;
  personalSuspensionMaxMonths: number;
  maxSuspensions: number;
  maxSuspensionMonths: number;
  /** A suspension longer than this is an important change. */
  importantSuspensionOverMonths: number;
  /** Transfer out only within this many months of enrolment. */
  transferOutWithinMonths: number;
  /** Day of the year new students enrol, as MM-DD. */
  enrolmentDay: string;
  /** The school's province: a transfer to another province is a special change. */
  schoolProvince: string;
  /** Whether an approved change of major gives a new student number (default: keep). */
  renumberOnMajorChange: boolean;
}

export const DEFAULT_STATUS_CHANGE_SETTINGS: Readonly<StatusChangeSettings> = {
  majorChangeMinAverage: 80,
  majorChangeTopPercent: 30,
  majorChangeFirstYearOnly: true,
  majorChangeWindowStart: '03-01',
  majorChangeWindowEnd: '06-30',
  majorChangeMaxTimes: 1,
  illnessSuspensionMaxMonths: 12,
  personalSuspensionMaxMonths: 6,
  maxSuspensions: 2,
  maxSuspensionMonths: 24,
  importantSuspensionOverMonths: 6,
  transferOutWithinMonths: 12,
  enrolmentDay: '09-01',
  schoolProvince: '湖南省',
  renumberOnMajorChange: false,
};

/** Settings as stored, with every missing or unusable value replaced by its default. */
export function settingsWithDefaults(stored: Partial<Record<keyof StatusChangeSettings, unknown>> | null | undefined): StatusChangeSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_STATUS_CHANGE_SETTINGS };
  for (const [key, fallback] of Object.entries(DEFAULT_STATUS_CHANGE_SETTINGS)) {
    const value = stored?.[key as keyof StatusChangeSettings];
    if (value !== null && value !== undefined && typeof value === typeof fallback) merged[key] = value;
    if (typeof fallback === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) merged[key] = Number(value);
  }
  return merged as unknown as StatusChangeSettings;
}
