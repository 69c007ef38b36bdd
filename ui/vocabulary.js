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
  BACK_TO_APP: 'back_to_app',
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
  READY_TO_MOVE: 'ready_to_move',
  MOVED: 'moved',
  FAILED: 'failed',
  CANNOT_VERIFY: 'cannot_verify',
  NOT_FOUND: 'not_found',
  NOT_STARTED: 'not_started',
});

export const ReleaseRoad = Object.freeze({
  PROVIDER: 'provider',
  APP: 'app',
  CLOSE: 'close',
});

export const Goal = Object.freeze({
  OTHER_PROVIDER: 'other_provider',
  BACK_TO_APP: 'back_to_app',
  STOP_USING: 'stop_using',
});

export const RoadId = Object.freeze({
  CHANGE_PARTNER: 'change_partner',
  SECOND_PARTNER: 'second_partner',
  MIGRATE: 'migrate',
  BACK_TO_APP: 'back_to_app',
  CLOSE: 'close',
});

export const NotThisRoad = Object.freeze({
  OTHER_GOAL: 'other_goal',
  PARTNER_OWNED: 'partner_owned',
  OWNERSHIP_UNKNOWN: 'ownership_unknown',
  COEXISTENCE: 'coexistence',
  NOT_REGISTERED: 'not_registered',
  NAME_NOT_APPROVED: 'name_not_approved',
  TEST_NUMBER: 'test_number',
  ACCOUNT_NOT_APPROVED: 'account_not_approved',
  BUSINESS_NOT_VERIFIED: 'business_not_verified',
  UNREAD: 'unread',
});

export const Asset = Object.freeze({
  NUMBER: 'number',
  DISPLAY_NAME: 'display_name',
  QUALITY_RATING: 'quality_rating',
  MESSAGING_LIMIT: 'messaging_limit',
  TEMPLATES: 'templates',
  HISTORY: 'history',
});

export const Downtime = Object.freeze({
  NONE: 'none',
  UNTIL_NEW_CREDIT_LINE: 'until_new_credit_line',
  UNTIL_ACTIVE_ON_PHONE: 'until_active_on_phone',
  FOR_GOOD: 'for_good',
});

export const RoadStep = Object.freeze({
  REMOVE_OLD_PARTNER: 'remove_old_partner',
  SHARE_WITH_NEW_PARTNER: 'share_with_new_partner',
  REQUEST_ACCESS: 'request_access',
  ONBOARD_ON_SAME_NUMBER: 'onboard_on_same_number',
  OFFER_SAME_NUMBER_SIGNUP: 'offer_same_number_signup',
  TURN_PIN_OFF: 'turn_pin_off',
  START_MIGRATION: 'start_migration',
  DISCONNECT: 'disconnect',
  DELETE_IN_WHATS_APP_MANAGER: 'delete_in_whats_app_manager',
  DISCONNECT_IN_PHONE_APP: 'disconnect_in_phone_app',
  ACTIVATE_IN_PHONE_APP: 'activate_in_phone_app',
  REMOVE_ACCOUNT: 'remove_account',
});

export const NotMigrated = Object.freeze({
  NOT_APPROVED: 'not_approved',
  LOW_QUALITY: 'low_quality',
  ALREADY_THERE: 'already_there',
});

export const SupportCase = Object.freeze({
  CREDIT_LINE: 'credit_line',
  ON_BEHALF_OF: 'on_behalf_of',
  PIN_UNKNOWN: 'pin_unknown',
});
