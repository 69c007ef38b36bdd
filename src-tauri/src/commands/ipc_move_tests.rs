//! The move path's practice screens through the IPC, as a script in the page would call them:
//! the Partners tab and the two-step screen act only in practice, only on the move, only on a
//! partner the account lists; real mode refuses them in Rust.

use super::*;

/// The journey on the move path for the Promoções number.
fn to_the_move(h: &Harness) {
    for (cmd, args) in [
        ("journey_start", json!({})),
        ("choose_business", json!({"businessId": BUSINESS_ID})),
        ("choose_waba", json!({"wabaId": WABA_PROMOCOES})),
        ("choose_number", json!({"phoneNumberId": PN_READY})),
        ("path_choose", json!({"path": "move"})),
    ] {
        invoke(&h.window, cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"));
    }
}

fn practice_writes(sb: &Sandbox) -> usize {
    sb.writes()
        .iter()
        .filter(|w| w.path.contains("__practice"))
        .count()
}

#[test]
fn the_practice_screens_of_the_move_act_only_in_practice() {
    let real = harness(Mode::Real);
    // Before the move: the wrong stage.
    invoke(&real.window, "journey_start", json!({})).unwrap();
    assert_eq!(
        invoke(&real.window, "move_pin_off_practice", json!({})).unwrap_err(),
        "journey.wrong_stage"
    );
    to_the_move(&real);
    for (cmd, args) in [
        ("move_pin_off_practice", json!({})),
        ("move_partners_practice", json!({})),
        (
            "move_partner_remove_practice",
            json!({"partnerId": PARTNER_BUSINESS_ID}),
        ),
    ] {
        assert_eq!(
            invoke(&real.window, cmd, args).unwrap_err(),
            "journey.not_practice",
            "{cmd} in real mode"
        );
    }
    assert_eq!(practice_writes(&real.sandbox), 0);

    let h = harness(Mode::Practice);
    to_the_move(&h);
    let listed = invoke(&h.window, "move_partners_practice", json!({})).unwrap();
    assert_eq!(listed[0]["id"], PARTNER_BUSINESS_ID);
    // Not an id, or a partner the tab does not list: refused before anything is sent.
    for bad in ["../1", "1999999999999999"] {
        assert_eq!(
            invoke(
                &h.window,
                "move_partner_remove_practice",
                json!({"partnerId": bad})
            )
            .unwrap_err(),
            "journey.unknown_id"
        );
    }
    assert_eq!(practice_writes(&h.sandbox), 0);
    // The removal, then a second click: done once, the list empty both times.
    for _ in 0..2 {
        let after = invoke(
            &h.window,
            "move_partner_remove_practice",
            json!({"partnerId": PARTNER_BUSINESS_ID}),
        )
        .unwrap();
        assert_eq!(after, json!([]));
    }
    assert_eq!(practice_writes(&h.sandbox), 1);
    let view = invoke(&h.window, "move_pin_off_practice", json!({})).unwrap();
    assert_eq!(view["practice_pin_off"], true);
    assert_eq!(view["practice_partner_removed"], true);
    // "Já desliguei" stays the admin's word, said apart.
    assert!(view["pin_off_said_at"].is_null());
}
