//! The commands the web view may call, one file per area. Each decodes its input, makes one core
//! call and encodes the answer or a `{code, message, details}` error. The web view never
//! receives a token (only its masked form) and is never trusted: every rule is checked in the
//! core.
//!
//! The list of commands lives in `src-tauri/commands.list`; `build.rs` derives the permissions
//! from it, and the tests below tie it to the handler, the capability and the UI.

mod connection;
mod files;
mod journey;
mod links;
mod login;
mod move_path;
mod restore;
mod restore_status;
mod steps;
mod wait;

use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::graph::GraphClient;
use crate::removal::{JourneyView, Mode};
use crate::state::AppState;

pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        connection::app_info,
        connection::settings_set,
        connection::token_save,
        connection::token_status,
        connection::token_forget,
        connection::practice_start,
        login::facebook_login_start,
        journey::journey_state,
        journey::journey_start,
        journey::journey_close,
        journey::list_businesses,
        journey::list_wabas,
        journey::list_numbers,
        journey::choose_business,
        journey::choose_waba,
        journey::choose_number,
        move_path::path_choose,
        move_path::move_readiness,
        move_path::move_card,
        files::move_card_save,
        move_path::move_finish,
        journey::checks_run,
        journey::checks_confirm,
        steps::checks_pin_reset,
        journey::backup_skip,
        files::backup_save,
        steps::delete_number_confirm,
        steps::delete_number_practice,
        steps::number_reconnect,
        wait::delete_number_wait,
        wait::wait_cancel,
        steps::remove_waba_info,
        steps::remove_waba_unsubscribe_app,
        steps::remove_waba_skip,
        steps::remove_waba_confirm,
        steps::remove_waba_practice,
        wait::remove_waba_wait,
        files::receipt_save,
        files::reminder_save,
        files::checks_reminder_save,
        files::folder_open,
        links::open_link,
        restore::restore_open,
        restore::restore_plan,
        restore::restore_start,
        restore::restore_resume,
        restore::restore_cancel,
        restore_status::restore_discard,
        restore_status::restore_state,
        restore_status::restore_report_save,
        restore::restore_migrate,
    ]
}

/// Runs blocking work (the keyring, file system) off the async runtime.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> CmdResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))
}

/// The connection's client, mode and what a journey is bound to.
async fn connected(state: &AppState) -> CmdResult<(GraphClient, Mode, crate::removal::Binding)> {
    let g = state.conn.lock().await;
    let c = g
        .as_ref()
        .ok_or_else(|| CommandError::new(ErrorCode::ConnectionNone, "not connected"))?;
    Ok((c.client.clone(), c.mode, c.binding()))
}

/// An id from the web view, typed and checked (digits only) before anything else happens.
fn id<T: TryFrom<String>>(raw: String) -> CmdResult<T> {
    let shown: String = raw.chars().take(40).collect();
    T::try_from(raw).map_err(|_| CommandError::from(crate::removal::JourneyError::UnknownId(shown)))
}

fn no_journey() -> CommandError {
    CommandError::new(ErrorCode::JourneyNone, "no journey in progress")
}

/// The journey in `slot`, checked to belong to this connection (mode, host, user).
fn bound<'a>(
    slot: &'a mut Option<crate::removal::Journey>,
    mode: Mode,
    binding: &crate::removal::Binding,
) -> CmdResult<&'a mut crate::removal::Journey> {
    let j = slot.as_mut().ok_or_else(no_journey)?;
    j.check_connection(mode, binding)?;
    Ok(j)
}

/// Runs `f` on the journey after checking it belongs to this connection; answers its view.
macro_rules! with_journey {
    ($state:expr, $binding:expr, |$j:ident| $body:expr) => {{
        let (mode, binding) = $binding;
        let mut g = $state.journey.lock().await;
        let $j = crate::commands::bound(&mut g, mode, &binding)?;
        let out = $body;
        out.map(|_| crate::commands::view(&$state, $j))
            .map_err(crate::error::CommandError::from)
    }};
}
pub(crate) use with_journey;

fn view(state: &AppState, j: &crate::removal::Journey) -> JourneyView {
    JourneyView::of(j, state.waits.running())
}

#[cfg(test)]
mod ipc_tests;
#[cfg(test)]
mod tests;
