//! The core crate's test suites in one test binary (one link instead of eleven; `make test`
//! runs it once): each suite is a module, its tests named `suite::test`, as they ran apart
//! before. The keyring suite stays a binary of its own: it sets the process's session bus.

#[path = "../common/mod.rs"]
mod common;

#[path = "../contract.rs"]
mod contract;
#[path = "../fault_matrix.rs"]
mod fault_matrix;
#[path = "../graph_client.rs"]
mod graph_client;
#[path = "../graph_errors.rs"]
mod graph_errors;
#[path = "../graph_properties.rs"]
mod graph_properties;
#[path = "../journey.rs"]
mod journey;
#[path = "../move_path.rs"]
mod move_path;
#[path = "../restore.rs"]
mod restore;
#[path = "../retired_fields.rs"]
mod retired_fields;
#[path = "../sandbox_rules.rs"]
mod sandbox_rules;
#[path = "../trust.rs"]
mod trust;
#[path = "../update_check.rs"]
mod update_check;
