//! Names (§A1, §A2) and geography below state level (§B1, §B2).

use super::vocabulary::*;
use super::{not_phi, Reading, Verdict};
use crate::findings::Confidence;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{word_class, Grain, WordClass};

/// A name or a place of the individual, or `None` when the name names neither.
pub(super) fn name_or_place(r: &Reading<'_>) -> Option<Verdict> {
    let Reading { name, ws, ctx, person_owner, .. } = *r;
    let high = Confidence::High;
    let medium = Confidence::Medium;
    // A: names.
    // `case_ward_name`, `district_name`: the name of a place, read as geography below.
    let place_named = ws.iter().any(|w| is_geo_word(w) && !matches!(*w, "address" | "residence"));
    if let Some(p) = ws.iter().rposition(|w| *w == "name").filter(|_| !place_named) {
        let others: Vec<&str> = ws.iter().enumerate().filter(|(i, _)| *i != p).map(|(_, w)| *w).collect();
        if ws.windows(2).any(|x| x == ["place", "name"]) {
            return Some(r.detect(SafeHarbor::B, "B1", medium, "a place name (city or town)".into()));
        }
        // `full_day_name`, `month_name`: the name of a day or a month.
        if others.iter().any(|w| matches!(*w, "day" | "weekday" | "month" | "week" | "quarter")) {
            return Some(Verdict::default());
        }
        let relative = others.iter().any(|w| is_relative_word(w));
        let paragraph = if relative { "A2" } else { "A1" };
        if others.iter().any(|w| is_name_part(w)) {
            return Some(r.detect(SafeHarbor::A, paragraph, high, "a part of a person's name".into()));
        }
        let qualifiers: Vec<&str> = others
            .iter()
            .copied()
            .filter(|w| {
                // `name_of_the_beneficiary`, `case_name`, `participant_name` in a clinical
                // project: function words and a person word that says whose it is qualify
                // nothing. (`client` is left out: a vendor's clients are as often payers or
                // employers as persons, and `condition_name` names a record, not a person.)
                !matches!(word_class(w), Some(WordClass::Patient | WordClass::Member))
                    && !is_relative_word(w)
                    && !matches!(*w, "#" | "of" | "the" | "a" | "an")
                    && person_owner
                        .is_none_or(|(c, o)| !(c == WordClass::WeakPatient && o == *w && !o.starts_with("client")))
            })
            .collect();
        if qualifiers.is_empty() && (person_owner.is_some() || matches!(ctx.grain, Grain::Patient | Grain::Member)) {
            let whose = if relative {
                "the name of a relative, contact or household member"
            } else {
                "the name of an individual"
            };
            return Some(r.detect(SafeHarbor::A, paragraph, high, whose.into()));
        }
        return Some(Verdict::default());
    }
    // One word alone in a row about a person (Synthea's `FIRST`, `LAST`, `PREFIX`, `MAIDEN`;
    // FHIR's `given`, `family`; an `alias`): a part of the person's name.
    let about_a_person = person_owner.is_some() || matches!(ctx.grain, Grain::Patient | Grain::Member);
    if ws.len() == 1
        && matches!(
            ws[0],
            "prefix" | "suffix" | "maiden" | "first" | "last" | "middle" | "given" | "family" | "alias" | "nickname"
        )
        && about_a_person
    {
        return Some(r.detect(SafeHarbor::A, "A1", medium, "a part of a person's name".into()));
    }
    // Synthea's `PASSPORT`, `DRIVERS` (the driver's licence number) and `FIPS` (the county of
    // the address) alone, in a row about a person.
    if ws.len() == 1 && about_a_person {
        match ws[0] {
            "passport" | "drivers" => {
                return Some(r.detect(SafeHarbor::K, "K1", medium, "a passport or driver's licence number".into()))
            }
            // FHIR's `address.line` flattened: the street lines of the person's address.
            "line" if matches!(ctx.grain, Grain::Patient | Grain::Member) => {
                return Some(r.detect(SafeHarbor::B, "B1", medium, "a street line of the address".into()))
            }
            "fips" => {
                return Some(r.detect(SafeHarbor::B, "B1", medium, "the FIPS code of the county of the address".into()))
            }
            _ => {}
        }
    }
    if ws.len() <= 2 && ws.iter().any(|w| matches!(*w, "surname" | "forename" | "initials")) {
        return Some(r.detect(SafeHarbor::A, "A1", high, "a part of a person's name".into()));
    }

    // Epic Clarity's `ADD_LINE_1`: a street line of the address.
    if ws.windows(2).any(|p| p == ["add", "line"]) {
        return Some(r.detect(SafeHarbor::B, "B1", high, "a street line of the address (`add_line`)".into()));
    }
    // §B1: a place of birth (a birth country or state is no smaller than a state).
    if ws.windows(2).any(|p| p == ["birth", "place"]) || ws.windows(3).any(|p| p == ["place", "of", "birth"]) {
        return Some(r.detect(SafeHarbor::B, "B1", medium, "a place of birth".into()));
    }

    // B: geography below state level.
    if let Some(i) = has_any(ws, is_geo_word) {
        // The parts of an address that are no subdivision below a state: `address_state`,
        // `address_country` (§B3); what is said about the address (`address_use`,
        // `address_preferred`, `geocode_group`); when it applied (`address_period_start` is a
        // date, read as one).
        let head = ws.last().copied().unwrap_or_default();
        if i + 1 < ws.len() {
            // `address_id`: the key of an address record (§R2), read as a key (a `ward_id`,
            // `county_id` is the code of the area itself).
            if matches!(head, "id" | "key") && matches!(ws[i], "address" | "geocode" | "residence") {
                return None;
            }
            // (`member_state_postal_cd`: the state's two-letter postal code, not a ZIP.)
            let lower = name.to_ascii_lowercase();
            let state_code = ws.contains(&"state") && (lower.contains("state_postal") || lower.contains("statepostal"));
            if matches!(head, "state" | "country" | "nation" | "province") || state_code {
                return Some(not_phi("B3", format!("`{head}` of an address: no subdivision smaller than a state")));
            }
            if matches!(head, "use" | "preferred" | "group" | "rank" | "precision" | "quality" | "method" | "match") {
                return Some(Verdict::default());
            }
            if ws[i + 1..]
                .iter()
                .any(|w| is_time_word(w) || matches!(*w, "period" | "start" | "end" | "begin" | "stop" | "from" | "to"))
            {
                return None;
            }
        }
        if ws[i] == "zip" && ws.get(i + 1) == Some(&"#") && ws.len() > i + 1 {
            // zip3 is allowed for areas of more than 20,000 people; zip5/zip4 are not.
            let digits = name.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit);
            if digits.collect::<String>() == "3" {
                // A description that says the population rule was applied settles it (§B2).
                let d = r.description.to_ascii_lowercase();
                if d.contains("000") && (d.contains("20,000") || d.contains("20000") || d.contains("restricted")) {
                    return Some(not_phi(
                        "B2",
                        "a 3-digit ZIP prefix whose description says restricted prefixes are set to 000",
                    ));
                }
                return Some(r.detect(
                    SafeHarbor::B,
                    "B2",
                    Confidence::Low,
                    "a 3-digit ZIP prefix: allowed only for areas of more than 20,000 people with restricted prefixes zeroed"
                        .into(),
                ));
            }
        }
        let strength = if matches!(ws[i], "address" | "street" | "zip" | "latitude" | "longitude" | "geolocation") {
            high
        } else {
            medium
        };
        return Some(r.detect(
            SafeHarbor::B,
            "B1",
            strength,
            format!("`{}`: a geographic subdivision smaller than a state", ws[i]),
        ));
    }

    None
}
