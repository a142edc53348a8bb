//! Ages (§C3) and dates (§C1, §C2), and the dates that are not an individual's (§C4).

use super::vocabulary::*;
use super::{not_phi, Paragraph, Reading, TypeKind, Verdict};
use crate::findings::Confidence;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{word_class, Grain, NodeContext, WordClass};

/// An age or a date of the individual, or `None` when the column is neither.
pub(super) fn age_or_date(r: &Reading<'_>) -> Option<Verdict> {
    let Reading { ws, ty, ctx, person_owner, checked_in, .. } = *r;
    let high = Confidence::High;
    // C: ages.
    if has(ws, "age") {
        // `age_unit`, `dependent_1_age_unit`: whether the age counts years or months.
        if matches!(ws.last(), Some(&("unit" | "units" | "uom"))) {
            return Some(Verdict::default());
        }
        if let Some(b) = has_any(ws, is_band_word) {
            return Some(not_phi("C3", format!("an age `{}`: bands are allowed when ages over 89 are grouped", ws[b])));
        }
        // `age_40_49`, `age_under_40`, `age_65_plus`: one band of ages (often a one-hot flag),
        // allowed unless it splits ages above 89 (`age_90_94`; `age_90_plus` top-codes).
        if let Some(band) = age_band(r.name, ws) {
            return Some(band);
        }
        return Some(r.detect(
            SafeHarbor::C,
            "C3",
            high,
            "an age: ages over 89 are identifiers unless top-coded".into(),
        ));
    }

    // A table of the individual's employers: its dates (`contract_start_date`) are the
    // employer's, though its name and key identify the individual's employer (§X1).
    if ctx.own_word.as_deref() == Some("employer") && person_owner.is_none() {
        let dated = ws.iter().any(|w| is_time_word(w)) || matches!(ws.last(), Some(&"at" | &"on"));
        if dated {
            return Some(not_phi("C4", "a date of the employer (an organisation), not of the individual"));
        }
    }

    // `created_by`, `approved_by`: who did it (a user), never when.
    if ws.last() == Some(&"by") {
        return None;
    }

    // C: dates (a name ending in `_key`/`_id` is an identifier, even `member_month_key`).
    // A date key (`start_date_key`, `admit_date_id`: a smart key `YYYYMMDD` into a date
    // dimension, Kimball's convention) is the date it encodes.
    let date_key = ws.len() >= 3 && ws[ws.len() - 2] == "date";
    let ends_as_id = ws.last().is_some_and(|w| matches!(*w, "id" | "key")) && !date_key;
    if let Some(v) = date_verdict(ws, ty, ctx, person_owner.is_some(), checked_in, r.clinical).filter(|_| !ends_as_id) {
        return Some(match v {
            Ok((paragraph, strength, why)) => r.detect(SafeHarbor::C, paragraph, strength, why),
            Err(why) => not_phi("C4", why),
        });
    }

    None
}

/// An age column that names one band of ages: `age_40_49` (two bounds), `age_under_40`,
/// `age_65_plus`, `age_over_65` (one bound and a comparison). Not PHI (§C3) unless a bounded
/// band starts above 89, which discloses ages Safe Harbor bars.
fn age_band(name: &str, ws: &[&str]) -> Option<Verdict> {
    let compared = ws.iter().any(|w| matches!(*w, "under" | "over" | "plus" | "above" | "below" | "lt" | "gt" | "to"));
    let numbers: Vec<u32> = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let band = (numbers.len() == 2 && numbers[0] < numbers[1]) || (numbers.len() == 1 && compared);
    if !band {
        return None;
    }
    let top_coded = ws.iter().any(|w| matches!(*w, "plus" | "over" | "above" | "gt"));
    if numbers[0] > 89 && !top_coded {
        return None;
    }
    Some(not_phi("C3", "one band of ages (a flag or a bucket): allowed while ages over 89 stay grouped"))
}

/// Whether a column is a date of an individual: `Ok((paragraph, strength, why))`,
/// `Err(why not)` (§C4), or `None` when it is no date at all.
fn date_verdict(
    ws: &[&str],
    ty: TypeKind,
    ctx: &NodeContext,
    person_owner: bool,
    checked_in: bool,
    clinical: bool,
) -> Option<Result<(Paragraph, Confidence, String), String>> {
    let time = ws.iter().position(|w| is_time_word(w));
    // A month, a week or a day kept apart from its year is still an element of a date (§C2).
    let month = ws.iter().position(|w| matches!(*w, "month" | "week" | "day" | "quarter"));
    let year = ws.iter().position(|w| *w == "year");
    let event = ws.iter().position(|w| is_event_word(w));
    let dated = time.is_some() || month.is_some() || year.is_some() || (event.is_some() && ty == TypeKind::Date);
    // `collection_start_date`: the collection period of a payment model, the same for everyone
    // (a specimen's `collection_date` has no period bound).
    let collection_period =
        has(ws, "collection") && ws.iter().any(|w| matches!(*w, "start" | "end" | "begin" | "period"));
    // `measurement_period_end`, `reporting_year`: a window; a `measurement_date` in a table of
    // measurements is when the individual's was taken.
    let bounded = ws.iter().any(|w| {
        matches!(*w, "period" | "year" | "quarter" | "month" | "start" | "end" | "begin" | "window" | "range")
    });
    let window = ws
        .iter()
        .find(|w| is_window_word(w) && (bounded || !matches!(**w, "measurement" | "measure")))
        .or(collection_period.then_some(&"collection"));
    if !dated {
        // In a project about patients, a table whose subject is unknown (`mdata_bp`,
        // `subscriptions_enriched`) may still be about one individual's events: its
        // timestamps named by what happened (`collected_at`, `cancelled_at`) are read, not its
        // bare bounds (§C1).
        let only_participles = clinical && ctx.grain == Grain::Unknown && !person_owner;
        if ty == TypeKind::Number || (!ctx.grain.is_individual() && !person_owner && !only_participles) {
            return None;
        }
        if only_participles {
            return match ws {
                [.., verb, "at" | "on"] if verb.len() > 3 && verb.ends_with("ed") && ws.len() <= 3 => Some(Ok((
                    "C1",
                    Confidence::Low,
                    format!("`{verb}`: when an event of an individual's care happened"),
                ))),
                _ => None,
            };
        }
        if let Some(w) = window {
            return Some(Err(format!("`{w}`: a calendar window shared by everyone, not an individual's date")));
        }
        // `start`/`end` of a period (FHIR `period.start`, `coverage_period_end`) are dates, and
        // so are `encounter_start_at`, `stop_on`: the bound with `at`/`on`.
        let ws = match ws {
            [head @ .., bound, "at" | "on"]
                if matches!(*bound, "start" | "end" | "begin" | "stop") && !head.is_empty() =>
            {
                &ws[..ws.len() - 1]
            }
            _ => ws,
        };
        // `service_from`, `cov_valid_to`: the bounds of a record's or a coverage's dates.
        let dated_record = ws.iter().any(|w| {
            matches!(*w, "service" | "coverage" | "enrollment" | "eligibility" | "stay" | "episode")
                || matches!(word_class(w), Some(WordClass::Record | WordClass::WeakRecord))
        });
        let bound = ws.last().is_some_and(|w| matches!(*w, "start" | "end" | "begin" | "stop"))
            || (dated_record && ws.len() > 1 && ws.last().is_some_and(|w| matches!(*w, "from" | "to" | "through")));
        // `STOP`, `period_end`, `condition_start`, `medication_stop`: when a record of care
        // (its words name nothing else) began or ended.
        let of_record = ws.len() > 1
            && ws[..ws.len() - 1]
                .iter()
                .all(|w| matches!(word_class(w), Some(WordClass::Record | WordClass::WeakRecord)));
        if bound && (ws.len() == 1 || has(ws, "period") || of_record || dated_record) {
            return Some(Ok((
                "C1",
                Confidence::Medium,
                "the start or end of a period of an individual's care or coverage".into(),
            )));
        }
        // `resulted_at`, `signed_on`, `checked_in_at`: a past participle with `at`/`on` is a
        // timestamp.
        if let [.., verb, "at" | "on"] = ws {
            if (verb.len() > 3 && verb.ends_with("ed")) || checked_in {
                return Some(Ok((
                    "C1",
                    Confidence::Medium,
                    format!("`{verb}`: when an event of an individual's care happened"),
                )));
            }
        }
        // A column the warehouse types as a date or a timestamp, in a row about an individual,
        // is a date of that individual whatever its name (`last_active`, `pm_status_changed_at`),
        // unless the name said it is the pipeline's or a calendar's (read above).
        if ty == TypeKind::Date && (ctx.grain.is_individual() || person_owner) {
            return Some(Ok((
                "C1",
                Confidence::Low,
                "typed as a date or a timestamp, in a row about an individual".into(),
            )));
        }
        if ws.len() <= 5 {
            if let Some(w) =
                ws.iter().enumerate().filter(|(i, _)| ws.get(i + 1) != Some(&"of")).map(|(_, w)| w).find(|w| {
                    matches!(
                        **w,
                        "recorded" | "billed" | "created" | "issued" | "onset" | "abatement" | "performed" | "handed"
                    )
                })
            {
                return Some(Ok((
                    "C1",
                    Confidence::Low,
                    format!("`{w}`: when an event of an individual's care happened"),
                )));
            }
        }
        return None;
    }
    if let Some(w) = window {
        return Some(Err(format!("`{w}`: a calendar window shared by everyone, not an individual's date")));
    }
    if year.is_some() && month.is_none() {
        if has(ws, "birth") {
            return Some(Ok((
                "C3",
                Confidence::Medium,
                "a birth year: it discloses ages over 89, which Safe Harbor bars with all date elements".into(),
            )));
        }
        return Some(Err("a year alone is allowed by Safe Harbor".into()));
    }
    if ty == TypeKind::Number && time.is_none() && month.is_none() {
        return Some(Err("a number named after an event: a count, not a date".into()));
    }
    if ws.len() == 1 && time.is_some() && !person_owner && !ctx.grain.is_individual() {
        return None;
    }
    let (paragraph, what) = if has(ws, "birth") {
        ("C1", "a date of birth".to_string())
    } else if has(ws, "death") || has(ws, "deceased") {
        ("C1", "a date of death".to_string())
    } else if month.is_some() && time.is_none() {
        ("C2", format!("a {} of an individual's care or coverage (finer than a year)", ws[month.unwrap_or(0)]))
    } else {
        ("C1", "a date (finer than a year) of an event in an individual's care, coverage or life".to_string())
    };
    let strength = if has(ws, "birth") || has(ws, "death") { Confidence::High } else { Confidence::Medium };
    Some(Ok((paragraph, strength, what)))
}
