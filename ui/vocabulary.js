// The words this page and the app share, generated from the Rust enums that cross the IPC
// (src-tauri/core/src/vocabulary.rs). Do not edit: `WRITE_VOCABULARY=1 cargo test
// vocabulary` rewrites it, and the tests fail when it differs from Rust.

export const Mode = Object.freeze({
  PRACTICE: 'practice',
  REAL: 'real',
});

export const Stage = Object.freeze({
  CHOOSE_BUSINESS: 'choose_business',
  CHOOSE_WABA: 'choose_waba',
  CHOOSE_NUMBER: 'choose_number',
  CHECKS: 'checks',
  MOVE: 'move',
  BACKUP: 'backup',
  DELETE_NUMBER: 'delete_number',
  REMOVE_WABA: 'remove_waba',
  DONE: 'done',
});

export const JourneyPath = Object.freeze({
  CLOSE: 'close',
  MOVE: 'move',
});

export const CheckId = Object.freeze({
  ADMIN: 'admin',
  ACTIVE_WABA: 'active_waba',
  PAID_MESSAGES: 'paid_messages',
  BILLING: 'billing',
  OTHER_NUMBERS: 'other_numbers',
  COEXISTENCE: 'coexistence',
  TWO_STEP_PIN: 'two_step_pin',
  PERMISSIONS: 'permissions',
});

export const CheckStatus = Object.freeze({
  PASS: 'pass',
  FAIL: 'fail',
  WARN: 'warn',
  UNKNOWN: 'unknown',
  INFO: 'info',
});

export const DeregisterOutcome = Object.freeze({
  SENDING: 'sending',
  SENT: 'sent',
  NOT_NEEDED: 'not_needed',
  UNKNOWN: 'unknown',
  FAILED: 'failed',
});

export const NotNeeded = Object.freeze({
  COEXISTENCE: 'coexistence',
  NOT_REGISTERED: 'not_registered',
  ALREADY_GONE: 'already_gone',
  NOT_FOUND: 'not_found',
});

export const ProofKind = Object.freeze({
  ABSENT_FROM_PARENT: 'absent_from_parent',
  DELETED803: 'deleted803',
});

export const PollTarget = Object.freeze({
  NUMBER: 'number',
  WABA: 'waba',
});

export const MoveItemId = Object.freeze({
  DISPLAY_NAME: 'display_name',
  NOT_COEXISTENCE: 'not_coexistence',
  NOT_TEST_NUMBER: 'not_test_number',
  REGISTERED: 'registered',
  WABA_APPROVED: 'waba_approved',
  BUSINESS_VERIFIED: 'business_verified',
  PIN_OFF: 'pin_off',
  WHO_STARTS: 'who_starts',
});

export const MoveStatus = Object.freeze({
  PASS: 'pass',
  FAIL: 'fail',
  UNKNOWN: 'unknown',
  TODO: 'todo',
  INFO: 'info',
});

export const ReleaseStatus = Object.freeze({
  RELEASED: 'released',
  FAILED: 'failed',
  CANNOT_VERIFY: 'cannot_verify',
  NOT_FOUND: 'not_found',
  NOT_STARTED: 'not_started',
});
