//! Column and node names as words: splits snake_case, camelCase, UPPER_CASE, digits and
//! JSON paths (`resource#>>'{period,start}'`), lower-cases, and spells out the abbreviations
//! warehouses use (`dob`, `mrn`, `bene`, `adr`, `clm`, `dt`, `nbr`, `1st`…).
//!
//! One `String` and one `Vec` per name; the abbreviation table is hashed once.

use crate::hashing::IdMap;

/// The words of `name`, abbreviations expanded. Borrowed from `buf`, which is overwritten.
pub(crate) fn words<'a>(name: &str, buf: &'a mut String) -> Vec<&'a str> {
    split_into(name, buf);
    let mut out: Vec<&'a str> = Vec::with_capacity(8);
    let buf: &'a str = buf;
    let mut raw = buf.split(' ').filter(|w| !w.is_empty()).peekable();
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
        match expand(w) {
            Some(expanded) => out.extend_from_slice(expanded),
            None => out.push(w),
        }
    }
    out
}

/// Writes `name` into `buf` lower-cased, with one space at every word boundary.
fn split_into(name: &str, buf: &mut String) {
    buf.clear();
    buf.reserve(name.len() + 8);
    if name.is_ascii() {
        split_ascii_into(name.as_bytes(), buf);
    } else {
        split_chars_into(name, buf);
    }
}

/// [`split_into`], char by char.
fn split_chars_into(name: &str, buf: &mut String) {
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !buf.ends_with(' ') {
                buf.push(' ');
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
            let boundary = (p.is_lowercase() && c.is_uppercase())
                || (p.is_uppercase() && c.is_uppercase() && next_lower)
                || (p.is_ascii_digit() != c.is_ascii_digit());
            if boundary && !buf.ends_with(' ') {
                buf.push(' ');
            }
        }
        for l in c.to_lowercase() {
            buf.push(l);
        }
        prev = Some(c);
    }
}

/// [`split_into`] for ASCII names (nearly all of them), byte by byte: the same boundaries,
/// since ASCII letters and digits are all the alphanumerics, upper- and lowercase letters an
/// ASCII name can hold.
fn split_ascii_into(name: &[u8], buf: &mut String) {
    let mut prev: Option<u8> = None;
    let mut spaced = false;
    for (i, &c) in name.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !spaced {
                buf.push(' ');
                spaced = true;
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let next_lower = name.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let boundary = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (p.is_ascii_uppercase() && c.is_ascii_uppercase() && next_lower)
                || (p.is_ascii_digit() != c.is_ascii_digit());
            if boundary && !spaced {
                buf.push(' ');
            }
        }
        buf.push(char::from(c.to_ascii_lowercase()));
        spaced = false;
        prev = Some(c);
    }
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
    (&["phn", "tel", "telephone", "phone", "phonenumber", "cellphone", "mobile", "mobilephone"], &["phone"]),
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
    (
        &["fingerprint", "fingerprints", "retina", "iris", "voiceprint", "faceprint", "biometrics", "biometric"],
        &["biometric"],
    ),
];

/// The canonical words for an abbreviation or compound, if `w` is one: one hash lookup (names
/// are split into words hundreds of thousands of times per project).
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
    fn ascii_names_split_as_chars_do() {
        let names = [
            "BENE_1ST_NAME",
            "recordedDate",
            "resource#>>'{period,start}'",
            "geo_zip5_cd",
            "HTTPServerURL",
            "ptPhoneNbr",
            "AllergyIntolerance",
            "_x__y_",
            "  lead",
            "trail  ",
            "A",
            "a1B2c3",
            "ABCdef",
            "abcDEF",
            "ICD10CM_code",
            "x.y.z",
            "",
            "__",
            "99bottles",
            "zip3",
            "IDs",
            "MRNNumber",
            "v2XYZw",
            "a-B-c",
        ];
        for name in names {
            let (mut ascii, mut chars) = (String::new(), String::new());
            super::split_ascii_into(name.as_bytes(), &mut ascii);
            super::split_chars_into(name, &mut chars);
            assert_eq!(ascii, chars, "{name}");
        }
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
}
