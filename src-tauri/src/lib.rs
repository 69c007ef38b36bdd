//! waba-remover: removes a WhatsApp number from a WABA, then the WABA from Meta's Business
//! Manager, guiding the admin through what Meta's API cannot do (design.md).
//!
//! Layers (arrows point down only): `ui/` → [`commands`] (thin, the only Tauri-aware module
//! with [`app`]) → core ([`graph`], [`removal`], [`vault`], no tauri import) → Graph API or
//! [`sandbox`].

pub mod graph;
pub mod removal;
pub mod sandbox;
pub mod vault;

mod app;
mod commands;
mod error;

pub use app::run;
