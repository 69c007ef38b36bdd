//! Typed client for the parts of Meta's Graph API the removal needs (`docs/meta-rules.md` §1-§6).
//! No tauri import: the same code serves the app, the tests and the benchmark.

mod analytics;
mod batch;
mod businesses;
mod client;
mod config;
pub mod documented;
mod error;
pub mod facts;
pub mod field_lists;
mod ids;
mod ledger;
mod me;
pub mod model;
mod open_enum;
mod paging;
mod phone_numbers;
mod pin;
pub mod practice;
mod profile;
mod redact;
mod retired;
mod retry;
mod shared_reads;
mod template_writes;
mod templates;
mod wabas;
pub mod wire;
mod writes;

pub use analytics::{digits, last_four, pricing_field};
pub use batch::{BatchAnswers, MAX_BATCH};
pub use businesses::{NumberLine, WabaLists, WabaWithNumbers, NUMBERS_FOR_AT_MOST};
pub use client::{GraphClient, WriteReceipt};
pub use config::{
    GraphConfig, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, ENV_GRAPH_URL, ENV_GRAPH_VERSION,
};
pub use error::{
    codes, describe_body, table_code, ErrorClass, GraphError, MetaError, TransportKind, CODE_TABLE,
};
pub use ids::{seg, BusinessId, PhoneNumberId, WabaId};
pub use ledger::{CallLedger, SharedLedger, DEFAULT_HOURLY_CAP};
pub use me::{missing_permissions, AppOfToken, Identity, NEEDED_PERMISSIONS};
pub use pin::{PinError, TwoStepPin};
pub use profile::{is_meta_cdn, MAX_PICTURE_BYTES};
pub use retry::{RetryPolicy, Usage};
pub use shared_reads::SharedReads;
pub use template_writes::{CreatedTemplate, MigrationAnswer, NewTemplate, MIGRATION_PAGE};
