/**
 * Stable error codes of the API that no test provokes, each with the reason; tests/unit/error-codes.spec.ts
 * fails when a code is neither provoked nor listed here, and when a listed code is provoked after all.
 */
export const UNPROVOKED_ERROR_CODES: Record<string, string> = {
  NOT_A_COMMUNITY:
    'POST /estates takes only 12-digit codes (the DTO), and the registry gives 12 digits only to 社区 and 村: the check guards a registry that would not',
  NOT_THE_DEVELOPER:
    'only developers may start a handover and a developer sees only the estates it built (scopeEstates), so another estate answers 404 ESTATE_NOT_FOUND first',
  NO_URBAN_MANAGEMENT:
    'the two-step latePenalty is 漳平’s (seed 004 §11) and the registry seeds its 城管局; only a jurisdiction override asking for two steps where no urban_management department is registered meets it',
};
