//! Column and node names as words: splits snake_case, camelCase, UPPER_CASE, digits and
//! JSON paths (`resource#>>'{period,start}'`), lower-cases, and spells out the abbreviations
//! warehouses use (`dob`, `mrn`, `bene`, `adr`, `clm`, `dt`, `nbr`, `1st`…).
//!
//! One `String` and one `Vec` per name; the abbreviation table is hashed once.

use crate::hashing::IdMap;

/// The letter without its accent (`í` → `i`, `ç` → `c`): Portuguese, Spanish and French
/// column names (`MUNICÍPIO`, `data_notificação`) read as their unaccented spellings.
fn fold_diacritic(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// The words of `name`, abbreviations expanded. Borrowed from `buf`, which is overwritten.
pub(crate) fn words<'a>(name: &str, buf: &'a mut String) -> Vec<&'a str> {
    crate::names::split_identifier(name, buf);
    if !buf.is_ascii() {
        *buf = buf.chars().map(fold_diacritic).collect();
    }
    let mut out: Vec<&'a str> = Vec::with_capacity(8);
    let buf: &'a str = buf;
    let mut raw = buf.split(' ').filter(|w| !w.is_empty()).peekable();
    let mut romance = false;
    while let Some(w) = raw.next() {
        // `1st`, `2nd`: the splitter separated digits from letters; join them again.
        if w.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(&next) = raw.peek() {
                let ordinal = match (w, next) {
                    ("1", "st") => Some("first"),
                    ("2", "nd") => Some("second"),
                    ("3", "rd") => Some("third"),
                    _ => None,
                };
                if let Some(o) = ordinal {
                    raw.next();
                    out.push(o);
                    continue;
                }
            }
            out.push("#");
            continue;
        }
        // `no_show`: an appointment missed, not a number.
        if w == "no" && raw.peek() == Some(&"show") {
            out.push(w);
            continue;
        }
        romance |= is_romance_marker(w);
        match expand(w) {
            Some(expanded) => out.extend_from_slice(expanded),
            // CDISC SDTM's `--DTC` variables are ISO 8601 dates and times (`AESTDTC`).
            None if w.len() >= 5 && w.ends_with("dtc") => out.push("datetime"),
            None => match segment(w) {
                // `PATIENTID`, `servicedate`, `datedischarge`: words written without a
                // separator read as the same words with one.
                Some(parts) => {
                    for part in parts {
                        romance |= is_romance_marker(part);
                        match expand(part) {
                            Some(expanded) => out.extend_from_slice(expanded),
                            None => out.push(part),
                        }
                    }
                }
                None => out.push(w),
            },
        }
    }
    if romance {
        ROMANCE_SEEN.with(|seen| seen.set(true));
        // In a Portuguese or Spanish name, `data` is a date, `mes` a month, `res` a residence.
        for w in &mut out {
            if let Some((_, english)) = ROMANCE_IN_CONTEXT.iter().find(|(p, _)| p == w) {
                *w = english;
            }
        }
    }
    out
}

/// Whether `name` holds a word that says it is Portuguese or Spanish (`paciente`, `DTNASC`,
/// `id_municipio`): a node whose name or a column's name does is read in those languages.
pub(crate) fn is_romance_name(name: &str) -> bool {
    noting_romance(|| words(name, &mut String::new()).len()).1
}

thread_local! {
    /// Set by [`words`] when a name it splits is Portuguese or Spanish.
    static ROMANCE_SEEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` and says whether a name [`words`] split on this thread meanwhile was Portuguese or
/// Spanish: a node learns it from its columns while they are classified, at no extra split.
pub(crate) fn noting_romance<T>(f: impl FnOnce() -> T) -> (T, bool) {
    let before = ROMANCE_SEEN.with(|seen| seen.replace(false));
    let out = f();
    let seen = ROMANCE_SEEN.with(|seen| seen.replace(before || seen.get()));
    (out, seen)
}

/// The English word a Portuguese or Spanish word that means something else in English names
/// stands for (`data` → `date`), read so in a node named in those languages.
pub(crate) fn in_romance_context(w: &str) -> Option<&'static str> {
    ROMANCE_IN_CONTEXT.iter().find(|(p, _)| *p == w).map(|(_, english)| *english)
}

/// Words that say a name is Portuguese or Spanish: the spellings of their entries in
/// [`EXPANSIONS`] (a `match`: every word of every name is looked up).
fn is_romance_marker(w: &str) -> bool {
    matches!(
        w,
        "paciente"
            | "pacientes"
            | "pessoa"
            | "persona"
            | "nome"
            | "nombre"
            | "sobrenome"
            | "apellido"
            | "nasc"
            | "nascimento"
            | "nacimiento"
            | "idade"
            | "edad"
            | "cep"
            | "municipio"
            | "munic"
            | "logradouro"
            | "endereco"
            | "direccion"
            | "domicilio"
            | "bairro"
            | "barrio"
            | "telefone"
            | "telefono"
            | "celular"
            | "obito"
            | "alta"
            | "altas"
            | "atendimento"
            | "atendimentos"
            | "atendime"
            | "atencion"
            | "internacao"
            | "internacoes"
            | "internacion"
            | "prestador"
            | "prestadores"
            | "obitos"
            | "defuncion"
            | "fallecimiento"
            | "fecha"
            | "grupo"
            | "faixa"
            | "datahora"
            | "fechahora"
            | "semana"
            | "estabelecimento"
            | "estabelecimentos"
            | "establecimiento"
            | "profissional"
            | "profissionais"
            | "profesional"
            | "calendario"
            | "cadastro"
            | "digitacao"
            | "atualizacao"
            | "actualizacion"
    )
}

/// Portuguese and Spanish words that mean something else in English names, read as the
/// Portuguese or Spanish word only beside another word of those languages.
const ROMANCE_IN_CONTEXT: &[(&str, &str)] = &[
    ("data", "date"),
    // `DH_COLETA`: data e hora, a date and time; `HR_ALTA`: hora, a time.
    ("dh", "datetime"),
    ("hr", "time"),
    ("mes", "month"),
    ("dia", "day"),
    ("ano", "year"),
    ("res", "residence"),
    ("mae", "mother"),
    ("madre", "mother"),
    ("pai", "father"),
    ("padre", "father"),
    ("pais", "country"),
    ("uf", "state"),
    ("carga", "loaded"),
];

/// Words of names as data teams write them, for splitting names written without separators
/// (`PATIENTID`, `LASTBILLEDDATE`, `datedischarge`). General words of records about people
/// and their care, not of any one project; with the abbreviations of [`EXPANSIONS`].
#[rustfmt::skip]
const LEXICON: &[&str] = &[
    // People and their relations.
    "patient", "person", "member", "subscriber", "beneficiary", "participant", "subject", "client",
    "resident", "individual", "customer", "user", "mother", "father", "parent", "child", "baby",
    "infant", "spouse", "partner", "guardian", "contact", "emergency", "relative", "family", "kin",
    "next", "insured", "holder", "owner", "employee", "employer", "caregiver", "guarantor",
    "responsible", "party",
    // Care and the people and places that give it.
    "provider", "doctor", "physician", "practitioner", "nurse", "staff", "clinician", "attending",
    "referring", "rendering", "ordering", "organization", "facility", "hospital", "clinic",
    "agency", "program", "department", "unit", "ward", "bed", "room", "site", "payer", "plan",
    "insurance", "policy", "coverage", "benefit", "eligibility", "enrollment", "premium",
    // Identifiers and contact.
    "name", "first", "last", "middle", "given", "full", "maiden", "prefix", "suffix", "initial",
    "initials", "nick", "alias", "number", "code", "key", "social", "security", "passport",
    "driver", "drivers", "license", "licence", "certificate", "vehicle", "plate", "device",
    "serial", "account", "medical", "record", "chart", "health", "phone", "home", "work", "mobile",
    "cell", "fax", "email", "address", "street", "line", "city", "county", "state", "country",
    "zip", "postal", "region", "district", "town", "latitude", "longitude", "photo", "image",
    "biometric",
    // Dates, times and the events they date.
    "date", "time", "day", "week", "month", "year", "hour", "minute", "timestamp", "start", "end",
    "stop", "begin", "from", "through", "period", "effective", "expiration", "expiry", "issue",
    "issued", "birth", "death", "deceased", "service", "admission", "admit", "admitted",
    "discharge", "discharged", "review", "visit", "encounter", "appointment", "claim",
    "transaction", "payment", "bill", "billed", "billing", "paid", "charge", "amount", "order",
    "ordered", "result", "lab", "test", "specimen", "collection", "collected", "sample",
    "procedure", "diagnosis", "condition", "problem", "allergy", "medication", "drug",
    "prescription", "dispense", "dispensed", "immunization", "vaccine", "vital", "observation",
    "note", "document", "report", "reported", "onset", "illness", "injury", "accident", "event",
    "case", "cohort", "trial", "study", "enrolled", "referral", "incident", "program", "assessment",
    "screening", "survey", "recorded", "intolerance", "timeline",
    // Qualifiers and measures.
    "status", "type", "category", "class", "group", "flag", "indicator", "description", "text",
    "value", "current", "previous", "original", "latest", "primary", "secondary", "other", "total",
    "count", "rate", "gender", "sex", "race", "ethnicity", "language", "marital", "religion", "age",
    "height", "weight", "source", "system", "created", "updated", "modified", "deleted", "inserted",
    "loaded", "load", "batch", "version", "hash", "projected", "expected", "actual", "planned",
    "scheduled", "cancelled", "canceled", "today",
];

/// Two-letter pieces a name without separators may hold (`patid`, `servicedt`). (`to` is
/// not one: `topic` is no `to pic`.)
const SHORT_PIECES: &[&str] = &["id", "dt", "cd", "nm", "no", "dx", "rx"];

/// Splits a name written without separators into known words (`patientid` → `patient`,
/// `id`): only when every letter of it falls in a word of [`LEXICON`] or an abbreviation, the
/// fewest words winning, and only for names that are no word or abbreviation themselves.
///
/// The same names recur in every node of a project, so each is split once per thread: the
/// cache holds the lengths of its words (or nothing), a hash lookup on the next sight.
fn segment(w: &str) -> Option<Vec<&str>> {
    type Cache = std::collections::HashMap<Box<str>, Option<Box<[u8]>>, crate::hashing::FastHash>;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    let n = w.len();
    if !(5..=40).contains(&n) || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let lengths = CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(w) {
            return hit.clone();
        }
        let lengths: Option<Box<[u8]>> =
            split_words(w).map(|parts| parts.iter().map(|p| p.len() as u8).collect::<Vec<u8>>().into());
        cache.borrow_mut().insert(w.into(), lengths.clone());
        lengths
    })?;
    let mut parts = Vec::with_capacity(lengths.len());
    let mut start = 0;
    for len in lengths.iter() {
        let end = start + usize::from(*len);
        parts.push(w.get(start..end)?);
        start = end;
    }
    Some(parts)
}

/// [`segment`] without its cache.
fn split_words(w: &str) -> Option<Vec<&str>> {
    const MAX_PIECE: usize = 14;
    let n = w.len();
    if in_lexicon(w) {
        return None;
    }
    let known = |piece: &str| match piece.len() {
        0 | 1 => false,
        2 => SHORT_PIECES.contains(&piece),
        _ => in_lexicon(piece) || expand(piece).is_some(),
    };
    // best[i]: the fewest words covering w[..i], and where the last one starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 2..=n {
        for start in end.saturating_sub(MAX_PIECE)..end - 1 {
            let Some((count, _)) = best[start] else { continue };
            if known(&w[start..end]) && best[end].is_none_or(|(c, _)| count + 1 < c) {
                best[end] = Some((count + 1, start));
            }
        }
    }
    let (count, _) = best[n]?;
    if count < 2 {
        return None;
    }
    let mut parts = Vec::with_capacity(count);
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        parts.push(&w[start..end]);
        end = start;
    }
    parts.reverse();
    Some(parts)
}

fn in_lexicon(w: &str) -> bool {
    static SET: std::sync::OnceLock<IdMap<'static, ()>> = std::sync::OnceLock::new();
    SET.get_or_init(|| LEXICON.iter().map(|w| (*w, ())).collect()).contains_key(w)
}

/// Abbreviations and compounds (every spelling) and the canonical words they stand for. A
/// spelling listed twice means what its first entry says.
const EXPANSIONS: &[(&[&str], &[&str])] = &[
    // Dates and time.
    (&["dob", "birthdate", "birthday", "bday", "dtofbirth"], &["birth", "date"]),
    (&["dod", "deathdate"], &["death", "date"]),
    (&["dt", "dte", "dat"], &["date"]),
    (&["dttm", "datetime", "datetm"], &["datetime"]),
    (&["tstamp", "timestamp", "tmstmp"], &["timestamp"]),
    (&["cts"], &["created", "ts"]),
    (&["yr", "yyyy"], &["year"]),
    (&["mo", "mon", "mth", "mnth"], &["month"]),
    (&["yrmo", "yearmonth", "yyyymm", "yymm"], &["year", "month"]),
    (&["efctv", "eff", "effdt"], &["effective"]),
    (&["bgn", "beg", "strt"], &["begin"]),
    (&["thru", "thr"], &["through"]),
    (&["obslt"], &["obsolete"]),
    (&["ld"], &["loaded"]),
    // Names.
    (&["nm", "nme"], &["name"]),
    (&["fname", "firstname", "fnm"], &["first", "name"]),
    (&["lname", "lastname", "surname", "lnm"], &["last", "name"]),
    (&["mname", "middlename", "midl", "mdl"], &["middle", "name"]),
    (&["fullname"], &["full", "name"]),
    (&["givenname"], &["given", "name"]),
    (&["familyname"], &["family", "name"]),
    (&["maidenname"], &["maiden", "name"]),
    (&["birthplace", "pob"], &["birth", "place"]),
    // Geography.
    (&["adr", "addr", "adrs", "addrs", "address", "addresses"], &["address"]),
    (&["zipcode", "zipcd", "postcode", "postalcode", "zip"], &["zip"]),
    (&["postal"], &["zip"]),
    (&["plc"], &["place"]),
    (&["cnty"], &["county"]),
    (&["cty"], &["city"]),
    (&["lat"], &["latitude"]),
    (&["lng", "lon"], &["longitude"]),
    (&["geoloc", "geolocation"], &["geolocation"]),
    (&["st", "stt"], &["state"]),
    // Contact.
    (&["phn", "tel", "telephone", "phone", "phonenumber", "cellphone", "mobile", "mobilephone", "telecom"], &["phone"]),
    (&["emailaddress", "email", "emailaddr"], &["email"]),
    (&["fax", "faxnumber"], &["fax"]),
    // Identifiers.
    (&["ssn", "ssnum", "socsec"], &["ssn"]),
    (&["mrn", "medrecnum"], &["mrn"]),
    (&["medrec"], &["medical", "record"]),
    (&["med"], &["medical"]),
    (&["rec"], &["record"]),
    (&["num", "nbr", "no", "nr", "nmbr", "number"], &["number"]),
    (&["id", "ids", "identifier", "ident", "uuid", "guid", "uid"], &["id"]),
    (&["sk", "pk", "key", "hashkey", "hk"], &["key"]),
    (&["cntl", "ctrl"], &["control"]),
    (&["acct", "acc", "accnt"], &["account"]),
    (&["lic", "licence"], &["license"]),
    (&["cert"], &["certificate"]),
    (&["veh"], &["vehicle"]),
    (&["ipaddr", "ipaddress", "ip"], &["ip"]),
    (&["uri", "website", "homepage", "weburl", "url"], &["url"]),
    (&["hic", "hicn"], &["hicn"]),
    (&["rfrnc", "ref"], &["reference"]),
    // HL7 v2 segments and clipped names of lab and EHR feeds (`PID_DOB`, `NK1_NM`, `COLL_DTTM`).
    (&["pid"], &["patient"]),
    // CDISC SDTM: subject ids and `--DTC` dates (`AESTDTC`, `EXENDTC`).
    (&["subjid"], &["subject", "id"]),
    (&["usubjid"], &["unique", "subject", "id"]),
    (&["familymember"], &["family", "member"]),
    (&["nk"], &["kin"]),
    (&["pv"], &["visit"]),
    (&["obx", "obr"], &["observation"]),
    (&["coll", "collctn"], &["collection"]),
    (&["rslt", "rslts"], &["result"]),
    (&["spcmn", "spcm", "specimens"], &["specimen"]),
    (&["accn", "acsn", "accsn"], &["accession"]),
    (&["ordr", "ord"], &["order"]),
    (&["rcvd", "recd"], &["received"]),
    (&["frst"], &["first"]),
    (&["lst"], &["last"]),
    (&["mi"], &["middle", "initial"]),
    // MIMIC's event times (`intime`, `outtime` of a stay) and Cerner Millennium's audit
    // stamps (`updt_dt_tm`).
    (&["intime"], &["in", "time"]),
    (&["outtime"], &["out", "time"]),
    (&["updt"], &["updated"]),
    (&["sfx"], &["suffix"]),
    (&["pfx"], &["prefix"]),
    (&["gvn"], &["given"]),
    (&["brth", "bth"], &["birth"]),
    (&["dth"], &["death"]),
    (&["admt", "admtd"], &["admission"]),
    (&["emrg", "emer", "emerg"], &["emergency"]),
    (&["cntct", "ctct"], &["contact"]),
    (&["empl", "emplr", "employers"], &["employer"]),
    (&["grntr", "guar", "gtor"], &["guarantor"]),
    (&["insd"], &["insured"]),
    (&["plcy", "pol"], &["policy"]),
    (&["hm"], &["home"]),
    // People.
    (&["pt", "ptnt", "pat", "patients"], &["patient"]),
    (&["mbr", "members"], &["member"]),
    (&["bene", "benes", "beneficiaries", "benef"], &["beneficiary"]),
    (&["subscribers", "subscr"], &["subscriber"]),
    (&["persons", "people", "prsn"], &["person"]),
    (&["indiv", "individuals"], &["individual"]),
    // Providers and organisations.
    (&["prvdr", "prov", "providers"], &["provider"]),
    (&["practitioners", "pract"], &["practitioner"]),
    (&["phys", "physicians"], &["physician"]),
    (&["doctors", "dr"], &["doctor"]),
    (&["rndrg"], &["rendering"]),
    (&["atndg", "attnd"], &["attending"]),
    (&["oprtg"], &["operating"]),
    (&["ordrg"], &["ordering"]),
    (&["rfrg", "refg"], &["referring"]),
    (&["prsbng", "prscrbng"], &["prescribing"]),
    (&["blg", "bill"], &["billing"]),
    (&["fac", "facilities"], &["facility"]),
    (&["org", "orgs", "organizations", "organisation", "organisations"], &["organization"]),
    (&["loc", "locations"], &["location"]),
    (&["pharm", "pharmacies"], &["pharmacy"]),
    (&["payers", "payor"], &["payer"]),
    // Clinical records.
    (&["clm", "claims"], &["claim"]),
    (&["enc", "encounters"], &["encounter"]),
    (&["adm", "admsn", "admit", "admissions"], &["admission"]),
    (&["dschrg", "disch", "dsch"], &["discharge"]),
    (&["dx", "dgns", "diagnoses"], &["diagnosis"]),
    (&["prcdr", "procedures"], &["procedure"]),
    (&["rx", "prescriptions"], &["prescription"]),
    (&["obs", "observations"], &["observation"]),
    (&["enrlmt", "enrl", "enroll", "enrollments"], &["enrollment"]),
    (&["elig"], &["eligibility"]),
    (&["cov", "cvrg"], &["coverage"]),
    (&["appt", "appointments"], &["appointment"]),
    (&["conditions"], &["condition"]),
    (&["visits"], &["visit"]),
    (&["records"], &["record"]),
    // Qualifiers.
    (&["crnt", "cur", "curr"], &["current"]),
    (&["prvs", "prev"], &["previous"]),
    (&["orgnl", "orig"], &["original"]),
    (&["srvc", "svc"], &["service"]),
    (&["cd", "cde", "codes"], &["code"]),
    (&["amt"], &["amount"]),
    (&["cnt", "ct"], &["count"]),
    (&["ind", "flg", "indicator"], &["flag"]),
    (&["stus", "sts"], &["status"]),
    (&["sqnc", "seq"], &["sequence"]),
    (&["typ"], &["type"]),
    (&["grp"], &["group"]),
    (&["ln"], &["line"]),
    (&["desc", "dscr"], &["description"]),
    (&["pic", "picture", "photograph", "headshot", "portrait", "selfie", "photo"], &["photo"]),
    (&["img", "imgs", "images"], &["image"]),
    (
        &["fingerprint", "fingerprints", "retina", "iris", "voiceprint", "faceprint", "biometrics", "biometric"],
        &["biometric"],
    ),
    // Portuguese and Spanish (Brazil's DATASUS, SUS and municipal health records; Spanish-
    // named feeds): words with no other meaning in English names.
    (&["paciente", "pacientes"], &["patient"]),
    (&["pessoa", "persona"], &["person"]),
    (&["nome", "nombre"], &["name"]),
    (&["sobrenome", "apellido", "apellidos"], &["last", "name"]),
    (&["nasc", "nascimento", "nacimiento"], &["birth"]),
    (&["idade", "edad"], &["age"]),
    (&["cep"], &["zip"]),
    (&["municipio", "munic", "municipios"], &["municipality"]),
    (&["coleta"], &["collection"]),
    (&["alta", "altas"], &["discharge"]),
    (&["atendimento", "atendimentos", "atendime", "atencion"], &["encounter"]),
    (&["internacao", "internacoes", "internacion"], &["admission"]),
    (&["prestador", "prestadores"], &["provider"]),
    (&["logradouro", "endereco", "direccion", "domicilio"], &["address"]),
    (&["bairro", "barrio"], &["neighborhood"]),
    (&["telefone", "telefono", "celular"], &["phone"]),
    (&["obito", "obitos", "defuncion", "fallecimiento"], &["death"]),
    (&["fecha"], &["date"]),
    (&["datahora", "fechahora"], &["datetime"]),
    (&["semana"], &["week"]),
    // Whose rows (Brazil's CNES registry of establishments and professionals) and record
    // keeping (when a row was registered, typed in, updated, loaded), as the English words.
    (&["estabelecimento", "estabelecimentos", "establecimiento"], &["establishment"]),
    (&["profissional", "profissionais", "profesional"], &["provider"]),
    (&["calendario"], &["calendar"]),
    (&["cadastro"], &["created"]),
    (&["digitacao"], &["entered"]),
    (&["atualizacao", "actualizacion"], &["updated"]),
    (&["diferenca", "diferencia"], &["diff"]),
    (&["grupo", "faixa"], &["group"]),
];

/// The canonical words for an abbreviation or compound, if `w` is one: one hash lookup (names
/// are split into words hundreds of thousands of times per project).
/// The spellings that [`words`] expands to a list holding a word `pred` accepts
/// (`dx` → `diagnosis`), for filters that must see every way a word can be written.
pub(crate) fn spellings_expanding_to(pred: impl Fn(&str) -> bool) -> impl Iterator<Item = &'static str> {
    EXPANSIONS.iter().filter(move |(_, to)| to.iter().any(|w| pred(w))).flat_map(|(from, _)| from.iter().copied())
}

/// The words a spelling expands to (`dgns` → `diagnosis`), if it is an abbreviation.
pub(crate) fn expansion(w: &str) -> Option<&'static [&'static str]> {
    expand(w)
}

fn expand(w: &str) -> Option<&'static [&'static str]> {
    static TABLE: std::sync::OnceLock<IdMap<'static, &'static [&'static str]>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = IdMap::default();
        for (spellings, words) in EXPANSIONS {
            for spelling in *spellings {
                table.entry(*spelling).or_insert(*words);
            }
        }
        table
    });
    table.get(w).copied()
}

#[cfg(test)]
mod tests {
    use super::words;

    fn w(name: &str) -> Vec<String> {
        let mut buf = String::new();
        words(name, &mut buf).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn splits_every_spelling() {
        assert_eq!(w("BENE_1ST_NAME"), ["beneficiary", "first", "name"]);
        assert_eq!(w("recordedDate"), ["recorded", "date"]);
        assert_eq!(w("resource#>>'{period,start}'"), ["resource", "period", "start"]);
        assert_eq!(w("geo_zip5_cd"), ["geo", "zip", "#", "code"]);
        assert_eq!(w("bene_dob"), ["beneficiary", "birth", "date"]);
        assert_eq!(w("HTTPServerURL"), ["http", "server", "url"]);
        assert_eq!(w("ptPhoneNbr"), ["patient", "phone", "number"]);
        assert_eq!(w("AllergyIntolerance"), ["allergy", "intolerance"]);
    }

    #[test]
    fn reads_names_written_without_separators() {
        assert_eq!(w("PATIENTID"), ["patient", "id"]);
        assert_eq!(w("patid"), ["patient", "id"]);
        assert_eq!(w("LASTBILLEDDATE1"), ["last", "billed", "date", "#"]);
        assert_eq!(w("datedischarge"), ["date", "discharge"]);
        assert_eq!(w("PATIENTINSURANCEID"), ["patient", "insurance", "id"]);
        assert_eq!(w("fnamelname"), ["first", "name", "last", "name"]);
        // Words and abbreviations stay whole; what does not split entirely stays as written.
        assert_eq!(w("discharge"), ["discharge"]);
        assert_eq!(w("pathology"), ["pathology"]);
        assert_eq!(w("therapist"), ["therapist"]);
        assert_eq!(w("blockchain"), ["blockchain"]);
        assert_eq!(w("topic"), ["topic"]);
    }

    #[test]
    fn reads_portuguese_and_spanish_names() {
        assert_eq!(w("DTNASC"), ["date", "birth"]);
        assert_eq!(w("data_obito"), ["date", "death"]);
        assert_eq!(w("MUNIC_RES"), ["municipality", "residence"]);
        assert_eq!(w("sk_paciente"), ["key", "patient"]);
        assert_eq!(w("fecha_nacimiento"), ["date", "birth"]);
        // Beside English words, `data` and `res` keep their English meaning.
        assert_eq!(w("raw_data"), ["raw", "data"]);
        assert_eq!(w("res_id"), ["res", "id"]);
    }
}
