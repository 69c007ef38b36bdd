//! The seeded fictional company of practice mode (a Brazilian business with two WABAs,
//! numbers in different states, hundreds of templates, a profile with picture, an admin and an
//! employee, a credit line on one WABA, paid usage).

use super::world::{CreditLineRec, NumberRec, UsagePoint, UserRec, WabaRec, World};
use crate::graph::model::*;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

pub const BUSINESS_ID: &str = "1000000000000001";
/// WABA with three numbers and the credit line.
pub const WABA_ATENDIMENTO: &str = "2000000000000001";
/// WABA with one number that may be removed at once: the practice journey's natural path.
pub const WABA_PROMOCOES: &str = "2000000000000002";
/// An On-Behalf-Of account: the old partner's portfolio owns it and runs it for the company
/// (shared with the company's portfolio), one number. Changing the partner in place is not a
/// road here; the migration and Meta's support are.
pub const WABA_DELIVERY: &str = "2000000000000003";
/// The old partner's portfolio (it owns `WABA_DELIVERY`, and its credit line is
/// `CREDIT_LINE`'s legal entity).
pub const PARTNER_BUSINESS_ID: &str = "1000000000000009";
pub const PARTNER_BUSINESS_NAME: &str = "Parceiro Antigo Tecnologia Ltda";
/// CONNECTED, registered, in the On-Behalf-Of account; no paid message in 30 days.
pub const PN_DELIVERY: &str = "3000000000000005";
/// CONNECTED, registered, sent a paid message 5 days ago.
pub const PN_PAID_RECENTLY: &str = "3000000000000001";
/// Coexistence: also in the WhatsApp Business app.
pub const PN_COEXISTENCE: &str = "3000000000000002";
/// PENDING, never registered.
pub const PN_PENDING: &str = "3000000000000003";
/// CONNECTED, registered, last paid message 45 days ago: deletable.
pub const PN_READY: &str = "3000000000000004";
pub const USER_ADMIN: &str = "4000000000000001";
pub const USER_EMPLOYEE: &str = "4000000000000002";
pub const CREDIT_LINE: &str = "5000000000000001";
pub const APP_ID: &str = "6000000000000001";
/// The practice app's name (the CRM whose app the fictional company used).
pub const APP_NAME: &str = "CRM Doces da Vila";
/// The two-step PIN the seeded connected numbers have (the rehearsal does not tell it).
pub const FORGOTTEN_PIN: &str = "271828";

pub fn seed(now: DateTime<Utc>) -> World {
    seed_with_templates(now, 340, 260)
}

/// The seed with a chosen number of templates per WABA (the benchmark asks for 6,000).
pub fn seed_with_templates(now: DateTime<Utc>, atendimento: usize, promocoes: usize) -> World {
    let app = AppData {
        id: Some(APP_ID.into()),
        name: Some(APP_NAME.into()),
        link: None,
    };
    let health = |s: &str| {
        Some(HealthStatus {
            can_send_message: Some(s.into()),
            entities: vec![],
        })
    };
    let waba = |id: &str, name: &str, funding: Option<&str>, currency: &str| Waba {
        id: id.into(),
        name: Some(name.into()),
        currency: Some(currency.into()),
        timezone_id: Some("66".into()),
        account_review_status: Some(ReviewStatus::Approved),
        business_verification_status: Some("VERIFIED".into()),
        ownership_type: Some(OwnershipType::SelfOwned),
        primary_funding_id: funding.map(str::to_owned),
        health_status: health("AVAILABLE"),
        owner_business_info: Some(OwnerBusinessInfo {
            id: Some(BUSINESS_ID.into()),
            name: Some("Doces da Vila Comércio Ltda".into()),
        }),
        on_behalf_of_business_info: None,
        message_template_namespace: Some(format!("ns_{id}")),
    };
    let number = |id: &str,
                  waba_id: &str,
                  display: &str,
                  name: &str,
                  status: NumberStatus,
                  coex: bool,
                  registered: bool,
                  quality: &str| NumberRec {
        waba_id: waba_id.into(),
        info: PhoneNumber {
            id: id.into(),
            display_phone_number: Some(display.into()),
            verified_name: Some(name.into()),
            status: Some(status),
            quality_rating: Some(quality.into()),
            code_verification_status: Some("VERIFIED".into()),
            name_status: Some("APPROVED".into()),
            new_name_status: Some("NONE".into()),
            platform_type: Some(
                if registered {
                    "CLOUD_API"
                } else {
                    "NOT_APPLICABLE"
                }
                .into(),
            ),
            // Served under both names at answer time (`routes/phone_numbers.rs`).
            host_platform: None,
            account_mode: Some("LIVE".into()),
            is_on_biz_app: Some(coex),
            last_onboarded_time: Some((now - Duration::days(400)).to_rfc3339()),
            throughput: Some(json!({"level": "STANDARD"})),
            health_status: health("AVAILABLE"),
        },
        registered,
        profile: BusinessProfile {
            about: Some("Doces artesanais desde 1998".into()),
            address: Some("Rua das Flores, 123 - Vila Mariana, São Paulo - SP".into()),
            description: Some(format!("Atendimento {name}")),
            email: Some("contato@docesdavila.example".into()),
            profile_picture_url: None, // filled in by the server with its own address
            websites: vec!["https://docesdavila.example".into()],
            vertical: Some("RESTAURANT".into()),
            messaging_product: Some("whatsapp".into()),
        },
        registration_calls: vec![],
        deleted_at: None,
        // A PIN nobody in the fictional company remembers: "Esqueci o PIN" is the way out.
        pin_hash: (registered || coex).then(|| super::world::pin_hash(FORGOTTEN_PIN)),
    };
    let admin_tasks = vec![
        "MANAGE".to_owned(),
        "DEVELOP".into(),
        "MANAGE_TEMPLATES".into(),
        "MANAGE_PHONE".into(),
    ];
    let assigned = |employee: bool| {
        let mut v = vec![AssignedUser {
            id: USER_ADMIN.into(),
            name: Some("Ana Souza".into()),
            tasks: admin_tasks.clone(),
        }];
        if employee {
            v.push(AssignedUser {
                id: USER_EMPLOYEE.into(),
                name: Some("Bruno Lima".into()),
                tasks: vec!["MESSAGING".into()],
            });
        }
        v
    };
    let mut usage = Vec::new();
    let day = |d: i64| (now - Duration::days(d)).timestamp() / 86_400 * 86_400;
    // Paid marketing 5 days ago and before on the Atendimento number (credit line: no COST).
    for d in [5, 9, 14, 40, 70, 120, 200, 300] {
        usage.push(UsagePoint {
            waba_id: WABA_ATENDIMENTO.into(),
            phone_digits: "551140028922".into(),
            day_start: day(d),
            volume: 40 + d as u32,
            cost: None,
            pricing_type: "REGULAR".into(),
            pricing_category: "MARKETING".into(),
        });
    }
    for d in [1, 2, 3, 6, 20] {
        usage.push(UsagePoint {
            waba_id: WABA_ATENDIMENTO.into(),
            phone_digits: "551140028922".into(),
            day_start: day(d),
            volume: 12,
            cost: None,
            pricing_type: "FREE_CUSTOMER_SERVICE".into(),
            pricing_category: "SERVICE".into(),
        });
        usage.push(UsagePoint {
            waba_id: WABA_ATENDIMENTO.into(),
            phone_digits: "5511977771234".into(),
            day_start: day(d),
            volume: 30,
            cost: None,
            pricing_type: "FREE_CUSTOMER_SERVICE".into(),
            pricing_category: "SERVICE".into(),
        });
    }
    // The Promoções number last paid 45 days ago (with COST), free service since.
    for d in [45, 60, 90, 150, 240, 330] {
        usage.push(UsagePoint {
            waba_id: WABA_PROMOCOES.into(),
            phone_digits: "5511988885678".into(),
            day_start: day(d),
            volume: 120,
            cost: Some(7.5),
            pricing_type: "REGULAR".into(),
            pricing_category: "MARKETING".into(),
        });
    }
    for d in [2, 10, 30] {
        usage.push(UsagePoint {
            waba_id: WABA_PROMOCOES.into(),
            phone_digits: "5511988885678".into(),
            day_start: day(d),
            volume: 8,
            cost: Some(0.0),
            pricing_type: "FREE_CUSTOMER_SERVICE".into(),
            pricing_category: "SERVICE".into(),
        });
    }
    World {
        businesses: vec![Business {
            id: BUSINESS_ID.into(),
            name: Some("Doces da Vila Comércio Ltda".into()),
            verification_status: Some("VERIFIED".into()),
        }],
        wabas: vec![
            WabaRec {
                business_id: BUSINESS_ID.into(),
                owned: true,
                info: waba(
                    WABA_ATENDIMENTO,
                    "Doces da Vila Atendimento",
                    Some(CREDIT_LINE),
                    "BRL",
                ),
                templates: templates(WABA_ATENDIMENTO, atendimento),
                assigned: assigned(true),
                subscribed_apps: vec![app.clone()],
                removed_at: None,
                in_review: vec![],
                partners: vec![old_partner()],
            },
            WabaRec {
                business_id: BUSINESS_ID.into(),
                owned: true,
                info: waba(WABA_PROMOCOES, "Doces da Vila Promoções", None, "BRL"),
                templates: templates(WABA_PROMOCOES, promocoes),
                assigned: assigned(false),
                subscribed_apps: vec![app.clone()],
                removed_at: None,
                in_review: vec![],
                partners: vec![old_partner()],
            },
            WabaRec {
                business_id: BUSINESS_ID.into(),
                // Shared with the company's portfolio by the partner that owns it.
                owned: false,
                info: Waba {
                    ownership_type: None,
                    owner_business_info: Some(OwnerBusinessInfo {
                        id: Some(PARTNER_BUSINESS_ID.into()),
                        name: Some(PARTNER_BUSINESS_NAME.into()),
                    }),
                    on_behalf_of_business_info: Some(OwnerBusinessInfo {
                        id: Some(BUSINESS_ID.into()),
                        name: Some("Doces da Vila Comércio Ltda".into()),
                    }),
                    ..waba(WABA_DELIVERY, "Doces da Vila Delivery", None, "BRL")
                },
                templates: templates(WABA_DELIVERY, 12),
                assigned: assigned(false),
                subscribed_apps: vec![],
                removed_at: None,
                in_review: vec![],
                // The partner owns it: it is not on its own Partners tab.
                partners: vec![],
            },
        ],
        numbers: vec![
            number(
                PN_DELIVERY,
                WABA_DELIVERY,
                "+55 11 95555-0101",
                "Doces da Vila Delivery",
                NumberStatus::Connected,
                false,
                true,
                "GREEN",
            ),
            number(
                PN_PAID_RECENTLY,
                WABA_ATENDIMENTO,
                "+55 11 4002-8922",
                "Doces da Vila",
                NumberStatus::Connected,
                false,
                true,
                "GREEN",
            ),
            number(
                PN_COEXISTENCE,
                WABA_ATENDIMENTO,
                "+55 11 97777-1234",
                "Doces da Vila Loja",
                NumberStatus::Connected,
                true,
                true,
                "GREEN",
            ),
            number(
                PN_PENDING,
                WABA_ATENDIMENTO,
                "+55 21 3003-4000",
                "Doces da Vila Rio",
                NumberStatus::Pending,
                false,
                false,
                "UNKNOWN",
            ),
            number(
                PN_READY,
                WABA_PROMOCOES,
                "+55 11 98888-5678",
                "Doces da Vila Promoções",
                NumberStatus::Connected,
                false,
                true,
                "YELLOW",
            ),
        ],
        users: vec![
            UserRec {
                id: USER_ADMIN.into(),
                name: "Ana Souza".into(),
                business_id: BUSINESS_ID.into(),
                role: BusinessRole::Admin,
            },
            UserRec {
                id: USER_EMPLOYEE.into(),
                name: "Bruno Lima".into(),
                business_id: BUSINESS_ID.into(),
                role: BusinessRole::Employee,
            },
        ],
        credit_lines: vec![CreditLineRec {
            business_id: BUSINESS_ID.into(),
            line: CreditLine {
                id: CREDIT_LINE.into(),
                legal_entity_name: Some("Parceiro Antigo Tecnologia Ltda".into()),
            },
        }],
        usage,
        app,
    }
}

/// Client accounts of the provider scenario: WABA ids `21000000000000NN`, numbers
/// `31000000000000NN` (four per account), displayed as `+55 11 91000-00NN`.
pub const CLIENT_ACCOUNTS: usize = 5;
pub const NUMBERS_PER_CLIENT: usize = 4;

pub fn client_waba_id(account: usize) -> String {
    format!("21{:014}", account + 1)
}

pub fn client_number_id(account: usize, n: usize) -> String {
    format!("31{:014}", account * NUMBERS_PER_CLIENT + n + 1)
}

/// The provider scenario: five client accounts shared with the business, each with four
/// registered numbers, a few templates and the provider's app subscribed to its webhooks.
pub fn add_client_accounts(world: &mut World) {
    // A provider's portfolio: none of its accounts is run for it by another partner.
    world.wabas.retain(|w| w.info.id != WABA_DELIVERY);
    world.numbers.retain(|n| n.waba_id != WABA_DELIVERY);
    let template_waba = world.wabas[1].clone();
    let number_model = world
        .numbers
        .iter()
        .find(|n| n.info.id == PN_READY)
        .cloned()
        .expect("the seeded ready number");
    for a in 0..CLIENT_ACCOUNTS {
        let id = client_waba_id(a);
        let mut w = template_waba.clone();
        w.owned = false;
        w.info.id = id.clone();
        w.info.name = Some(format!("Cliente {} Atendimento", a + 1));
        w.info.message_template_namespace = Some(format!("ns_{id}"));
        w.templates = templates(&id, 3);
        w.subscribed_apps = vec![world.app.clone()];
        w.partners = vec![];
        world.wabas.push(w);
        for n in 0..NUMBERS_PER_CLIENT {
            let mut rec = number_model.clone();
            let k = a * NUMBERS_PER_CLIENT + n + 1;
            rec.waba_id = id.clone();
            rec.info.id = client_number_id(a, n);
            rec.info.display_phone_number = Some(format!("+55 11 91000-{k:04}"));
            rec.info.verified_name = Some(format!("Cliente {} Loja {}", a + 1, n + 1));
            world.numbers.push(rec);
        }
    }
}

/// The old partner, on the Partners tab of the company's own accounts.
fn old_partner() -> crate::graph::practice::Partner {
    crate::graph::practice::Partner {
        id: PARTNER_BUSINESS_ID.into(),
        name: PARTNER_BUSINESS_NAME.into(),
    }
}

fn templates(waba_id: &str, count: usize) -> Vec<Template> {
    const STATUSES: [&str; 7] = [
        "APPROVED", "APPROVED", "APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED",
    ];
    const LANGS: [&str; 3] = ["pt_BR", "en_US", "es"];
    const CATEGORIES: [&str; 3] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
    let tail = &waba_id[waba_id.len() - 1..];
    let prefix = match tail {
        "1" => "atendimento",
        "3" => "entrega",
        _ => "promocao",
    };
    (0..count)
        .map(|i| Template {
            id: format!("7{tail}{i:013}"),
            name: Some(format!("{prefix}_{i:04}")),
            language: Some(LANGS[i % LANGS.len()].into()),
            status: Some(STATUSES[i % STATUSES.len()].into()),
            category: Some(CATEGORIES[i % CATEGORIES.len()].into()),
            components: Some(json!([
                {"type": "HEADER", "format": "TEXT", "text": "Doces da Vila"},
                {"type": "BODY", "text": format!("Olá {{{{1}}}}, seu pedido {i} está pronto para retirada. Obrigado pela preferência!")},
                {"type": "FOOTER", "text": "Responda SAIR para não receber mais mensagens"}
            ])),
            parameter_format: Some("POSITIONAL".into()),
            quality_score: Some(json!({"score": "GREEN"})),
            rejected_reason: Some(if STATUSES[i % STATUSES.len()] == "REJECTED" { "INVALID_FORMAT" } else { "NONE" }.into()),
        })
        .collect()
}

/// The profile picture of the seeded numbers (a 128×128 PNG drawn with ImageMagick).
pub fn picture_png() -> &'static [u8] {
    include_bytes!("profile-picture.png")
}
