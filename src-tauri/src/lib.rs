//! waba-remover: removes a WhatsApp number from a WABA, then the WABA from Meta's Business
//! Manager, guiding the admin through what Meta's API cannot do (`ARCHITECTURE.md`).
//!
//! Layers (arrows point down only): `ui/` → `commands` (thin; with `app` and `state`, the only
//! Tauri-aware code) → core ([`graph`], [`removal`], [`vault`], no tauri import) → Graph API or
//! [`sandbox`].

pub mod files;
pub mod graph;
pub mod login;
pub mod removal;
pub mod restore;
pub mod sandbox;
pub mod vault;

mod app;
mod commands;
mod error;
mod state;

pub use app::{run, with_commands};
