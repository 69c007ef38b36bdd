//! Where Meta documents each field the app reads (`docs/meta-rules.md` §15). Meta's published
//! OpenAPI description (vendored in `docs/meta-spec/`) is the judge; where Meta's reference pages
//! document more than the spec, the field is listed here with the page that says so: this file is
//! the overlay, the one place a departure from the spec is allowed. The client asks only for
//! documented fields (a test), and the sandbox refuses any other field of a node as Meta does:
//! `(#100) Tried accessing nonexisting field (…) on node type (…)`.

/// Who documents a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Meta's OpenAPI description (`business-messaging-api_v23.0.yaml`).
    Spec,
    /// A Graph API reference page (the overlay), named by its title on developers.facebook.com.
    Page(&'static str),
}

/// A node type as Meta's errors name it, and the fields it documents.
#[derive(Debug)]
pub struct Node {
    pub name: &'static str,
    pub fields: &'static [(&'static str, Source)],
}

use Source::{Page, Spec};

const WABA_PAGE: Source = Page("Graph API reference: WhatsApp Business Account");
const NUMBER_PAGE: Source = Page("Graph API reference: WhatsApp Business Phone Number");
const TEMPLATE_PAGE: Source = Page("Graph API reference: WhatsApp Business HSM (message template)");
const HEALTH_PAGE: Source = Page("WhatsApp Business Platform: Health Status");
const ANALYTICS_PAGE: Source = Page("WhatsApp Business Management API: Analytics");

pub const USER: Node = Node {
    name: "User",
    fields: &[
        ("id", Page("Graph API reference: User")),
        ("name", Page("Graph API reference: User")),
    ],
};

pub const APP: Node = Node {
    name: "Application",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("link", Page("Graph API reference: Application")),
    ],
};

pub const BUSINESS: Node = Node {
    name: "Business",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("timezone_id", Spec),
        ("verification_status", Spec),
    ],
};

pub const BUSINESS_USER: Node = Node {
    name: "BusinessUser",
    fields: &[
        ("id", Page("Graph API reference: Business User")),
        ("name", Page("Graph API reference: Business User")),
        ("role", Page("Graph API reference: Business User")),
    ],
};

pub const CREDIT_LINE: Node = Node {
    name: "ExtendedCredit",
    fields: &[("id", Spec), ("legal_entity_name", Spec)],
};

pub const WABA: Node = Node {
    name: "WhatsAppBusinessAccount",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("currency", Spec),
        ("timezone_id", Spec),
        ("account_review_status", Spec),
        ("business_verification_status", Spec),
        ("ownership_type", Spec),
        ("message_template_namespace", Spec),
        ("on_behalf_of_business_info", Spec),
        ("country", Spec),
        ("primary_funding_id", WABA_PAGE),
        ("owner_business_info", WABA_PAGE),
        ("health_status", HEALTH_PAGE),
        ("pricing_analytics", ANALYTICS_PAGE),
        ("analytics", ANALYTICS_PAGE),
        ("conversation_analytics", ANALYTICS_PAGE),
    ],
};

pub const PHONE_NUMBER: Node = Node {
    name: "WhatsAppBusinessPhoneNumber",
    fields: &[
        ("id", Spec),
        ("display_phone_number", Spec),
        ("verified_name", Spec),
        ("status", Spec),
        ("quality_rating", Spec),
        ("code_verification_status", Spec),
        ("name_status", Spec),
        ("account_mode", Spec),
        ("host_platform", Spec),
        ("messaging_limit_tier", Spec),
        ("is_official_business_account", Spec),
        // The reference page's name for what the spec calls `host_platform`.
        ("platform_type", NUMBER_PAGE),
        ("new_name_status", NUMBER_PAGE),
        ("last_onboarded_time", NUMBER_PAGE),
        ("throughput", NUMBER_PAGE),
        (
            "is_on_biz_app",
            Page(
                "WhatsApp Business Platform: Onboarding WhatsApp Business app users (Coexistence)",
            ),
        ),
        ("health_status", HEALTH_PAGE),
    ],
};

pub const TEMPLATE: Node = Node {
    name: "WhatsAppBusinessHSM",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("language", Spec),
        ("status", Spec),
        ("category", Spec),
        ("components", Spec),
        ("parameter_format", TEMPLATE_PAGE),
        ("quality_score", TEMPLATE_PAGE),
        ("rejected_reason", TEMPLATE_PAGE),
    ],
};

pub const PROFILE: Node = Node {
    name: "WhatsAppBusinessProfile",
    fields: &[
        ("about", Spec),
        ("address", Spec),
        ("description", Spec),
        ("email", Spec),
        ("profile_picture_url", Spec),
        ("websites", Spec),
        ("vertical", Spec),
        ("messaging_product", Spec),
    ],
};

pub const ASSIGNED_USER: Node = Node {
    name: "AssignedUser",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("business", Spec),
        ("user_type", Spec),
        (
            "tasks",
            Page("Graph API reference: WhatsApp Business Account, assigned_users edge"),
        ),
    ],
};

/// Every node the app reads.
pub const NODES: [&Node; 11] = [
    &USER,
    &APP,
    &BUSINESS,
    &BUSINESS_USER,
    &CREDIT_LINE,
    &WABA,
    &PHONE_NUMBER,
    &TEMPLATE,
    &PROFILE,
    &ASSIGNED_USER,
    &SUBSCRIBED_APP,
];

pub const SUBSCRIBED_APP: Node = Node {
    name: "SubscribedApp",
    fields: &[
        ("id", Spec),
        ("name", Spec),
        ("whatsapp_business_api_data", Spec),
    ],
};

/// The paging object every list answers with (the spec lists it for most lists, not all).
pub const PAGING: Node = Node {
    name: "Paging",
    fields: &[
        // Every list may answer with it (the spec omits it on some lists).
        ("paging", Page("Graph API: Paginated Results")),
        ("cursors", Spec),
        ("before", Spec),
        ("after", Spec),
        ("next", Page("Graph API: Paginated Results")),
        ("previous", Page("Graph API: Paginated Results")),
    ],
};

/// Enum values Meta's reference pages document beyond the spec's enum: (node, field, values,
/// source). The spec's phone `status` enum (PENDING, LINKED, UNLINKED, …) describes another view
/// of the number than the status Meta's WABA pages and answers use.
pub const ENUM_VALUES: &[(&str, &str, &[&str], Source)] = &[
    (
        "WhatsAppBusinessPhoneNumber",
        "status",
        &[
            "CONNECTED",
            "DISCONNECTED",
            "FLAGGED",
            "RATE_LIMITED",
            "PENDING",
            "RESTRICTED",
            "BANNED",
            "DELETED",
            "MIGRATED",
        ],
        NUMBER_PAGE,
    ),
    (
        "WhatsAppBusinessPhoneNumber",
        "quality_rating",
        // The spec's own example of the phone number shows UNKNOWN, outside its enum.
        &["UNKNOWN"],
        NUMBER_PAGE,
    ),
];

/// Whether Meta documents `value` for `field` of `node` beyond the spec (the overlay).
pub fn enum_value_documented(node: &str, field: &str, value: &str) -> bool {
    ENUM_VALUES
        .iter()
        .any(|(n, f, values, _)| *n == node && *f == field && values.contains(&value))
}

impl Node {
    pub fn documents(&self, field: &str) -> bool {
        self.fields.iter().any(|(f, _)| *f == field)
    }
}

/// Fields without which a read is useless: when Meta retires one, the read fails with a clear
/// sentence (`graph.field_retired`) instead of going on without it. Every other field is optional:
/// the client asks again without it and says which fact could not be read.
pub const REQUIRED: [&str; 7] = [
    "id",
    "name",
    "display_phone_number",
    "status",
    "language",
    "category",
    "components",
];

/// Splits a `fields` list on top-level commas (commas inside `(...)` or `[...]` stay).
pub fn split_fields(list: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0i32);
    for c in list.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_owned());
                }
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

/// The bare name of a field expression: `pricing_analytics.start(1)…` → `pricing_analytics`.
pub fn field_name(expr: &str) -> &str {
    expr.split(['.', '(', '{']).next().unwrap_or(expr).trim()
}

/// The field Meta named in "(#100) Tried accessing nonexisting field (NAME) on node type (TYPE)".
pub fn nonexisting_field(message: &str) -> Option<(&str, Option<&str>)> {
    let rest = message.split("nonexisting field (").nth(1)?;
    let field = rest.split(')').next()?;
    let node = rest
        .split("node type (")
        .nth(1)
        .and_then(|r| r.split(')').next());
    (!field.is_empty()).then_some((field, node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::field_lists as lists;

    /// A field nobody documents (neither the spec nor a reference page of the overlay) fails.
    #[test]
    fn the_client_asks_only_for_documented_fields() {
        for (list, node) in [
            (lists::WABA, &WABA),
            (lists::PHONE_NUMBER, &PHONE_NUMBER),
            (lists::TEMPLATE, &TEMPLATE),
            (lists::PROFILE, &PROFILE),
            (lists::BUSINESS, &BUSINESS),
            (lists::BUSINESS_USER, &BUSINESS_USER),
            (lists::CREDIT_LINE, &CREDIT_LINE),
        ] {
            for f in list.split(',') {
                assert!(
                    node.documents(f),
                    "{f} on {} is documented nowhere",
                    node.name
                );
            }
        }
    }

    #[test]
    fn metas_wording_names_the_field_and_the_node() {
        assert_eq!(
            nonexisting_field(
                "(#100) Tried accessing nonexisting field (foo_bar) on node type (WhatsAppBusinessPhoneNumber)"
            ),
            Some(("foo_bar", Some("WhatsAppBusinessPhoneNumber")))
        );
        assert_eq!(nonexisting_field("(#100) Invalid parameter"), None);
    }
}
