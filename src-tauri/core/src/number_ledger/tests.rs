use super::*;
use proptest::prelude::*;

fn ledger(d: &Path, program: Program) -> NumberLedger {
    NumberLedger::at(d.to_path_buf(), program).waiting(Duration::from_millis(300))
}

#[tokio::test]
async fn a_second_run_refuses_a_held_number_naming_the_holder() {
    let d = tempfile::tempdir().unwrap();
    let console = ledger(d.path(), Program::Console);
    let app = ledger(d.path(), Program::App);
    let held = console
        .lock("106540352242922", Step::Release)
        .await
        .unwrap();
    match app.lock("106540352242922", Step::Deregister).await {
        Err(LedgerError::Busy(Some(h))) => {
            assert_eq!(h.program, Program::Console);
            assert_eq!(h.step, Step::Release);
            assert_eq!(h.pid, std::process::id());
        }
        other => panic!("{other:?}"),
    }
    // Another number is free.
    app.lock("106540352242923", Step::Deregister).await.unwrap();
    drop(held);
    // Released: the next one takes it.
    app.lock("106540352242922", Step::Deregister).await.unwrap();
}

#[tokio::test]
async fn a_waiting_run_gets_the_lock_when_the_holder_finishes() {
    let d = tempfile::tempdir().unwrap();
    let first = ledger(d.path(), Program::Console);
    let second = NumberLedger::at(d.path().to_path_buf(), Program::App);
    let held = first.lock("1", Step::Deregister).await.unwrap();
    let waiter = tokio::spawn(async move { second.lock("1", Step::Deregister).await.is_ok() });
    tokio::time::sleep(Duration::from_millis(400)).await;
    drop(held);
    assert!(waiter.await.unwrap());
}

#[tokio::test]
async fn calls_recorded_by_one_run_count_for_every_run() {
    let d = tempfile::tempdir().unwrap();
    let a = ledger(d.path(), Program::Console);
    let b = ledger(d.path(), Program::App);
    let now = Utc::now();
    {
        let mut g = a.lock("7", Step::Deregister).await.unwrap();
        g.record(CallKind::Deregister, now).unwrap();
    }
    {
        let mut g = b.lock("7", Step::Register).await.unwrap();
        assert_eq!(g.calls().unwrap().len(), 1);
        g.record(CallKind::Register, now).unwrap();
    }
    let calls = a.calls("7").unwrap();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].program, Program::Console);
    assert_eq!(calls[1].kind, CallKind::Register);
}

#[tokio::test]
async fn an_id_that_is_not_digits_never_names_a_file() {
    let d = tempfile::tempdir().unwrap();
    let l = ledger(d.path(), Program::App);
    for bad in ["", "../x", "1/2", "12a", &"9".repeat(40)] {
        assert!(l.lock(bad, Step::Deregister).await.is_err(), "{bad}");
        assert!(l.calls(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_damaged_or_newer_ledger_is_refused_and_left_as_it_was() {
    let d = tempfile::tempdir().unwrap();
    let l = ledger(d.path(), Program::App);
    let p = d.path().join("5.json");
    for bytes in [
        &b"{not json"[..],
        br#"{"version":2,"calls":[]}"#,
        br#"{"version":1,"calls":[],"extra":1}"#,
    ] {
        std::fs::write(&p, bytes).unwrap();
        assert!(matches!(l.calls("5"), Err(LedgerError::Damaged { .. })));
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "never replaced");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Arbitrary bytes, and valid files with one byte changed: never a panic, never a write.
    #[test]
    fn any_bytes_are_read_or_refused_without_a_write(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        flip in 0usize..200,
        to in any::<u8>(),
    ) {
        let d = tempfile::tempdir().unwrap();
        let l = ledger(d.path(), Program::App);
        let p = d.path().join("5.json");
        let valid = br#"{"version":1,"calls":[{"at":"2026-12-01T10:00:00Z","kind":"deregister","program":"console"}]}"#;
        let mut mutated = valid.to_vec();
        let i = flip % mutated.len();
        mutated[i] = to;
        for input in [bytes, mutated] {
            std::fs::write(&p, &input).unwrap();
            let _ = l.calls("5");
            prop_assert_eq!(std::fs::read(&p).unwrap(), input);
        }
    }
}
