//! Where a resource or a column is named in a dbt yml file: the line of its `- name:` entry, for
//! SARIF's regions. A plain reading of the indentation, not a YAML parser: dbt's property files
//! list resources and columns as `- name: X` items, and a line is all SARIF needs.

/// The 1-based line naming `names` in `text`: the first name (a resource) under the top-level
/// key `section` (`models`, `sources`…, or anywhere when the file has no such key), each next
/// name (a source's table, a column) inside the item found before. The line of the deepest
/// name found; `None` when the first is not found.
pub(crate) fn yml_line(text: &str, section: &str, names: &[&str]) -> Option<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let (mut from, mut to) = section_range(&lines, section).unwrap_or((0, lines.len()));
    let mut found = None;
    for name in names {
        let Some((at, end)) = (from..to).find_map(|i| {
            let indent = item_name(lines.get(i)?, name)?;
            Some((i, block_end(&lines, i + 1, to, indent)))
        }) else {
            break;
        };
        found = u32::try_from(at + 1).ok();
        (from, to) = (at + 1, end);
    }
    found
}

/// The lines under the top-level key `section:`, up to the next top-level key.
fn section_range(lines: &[&str], section: &str) -> Option<(usize, usize)> {
    let start = lines
        .iter()
        .position(|l| l.strip_prefix(section).is_some_and(|rest| rest.trim_end() == ":" || rest.starts_with(": #")))?;
    let end = (start + 1..lines.len())
        .find(|&i| lines.get(i).is_some_and(|l| indent_of(l) == 0 && is_content(l) && !l.starts_with('-')))
        .unwrap_or(lines.len());
    Some((start + 1, end))
}

/// When `line` is `- name: <name>` or `name: <name>` (quoted or not, any case, a comment
/// after), the indentation of its `name` key.
fn item_name(line: &str, name: &str) -> Option<usize> {
    let indent = indent_of(line);
    let rest = line.get(indent..)?;
    let (rest, indent) = match rest.strip_prefix('-') {
        Some(after) => {
            let trimmed = after.trim_start();
            (trimmed, indent + 1 + (after.len() - trimmed.len()))
        }
        None => (rest, indent),
    };
    let value = rest.strip_prefix("name:")?;
    let value = value.split(" #").next().unwrap_or(value).trim();
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    value.eq_ignore_ascii_case(name.trim_matches('"')).then_some(indent)
}

/// The end of the item whose `name` key is indented by `key_indent` and ends before line `to`:
/// the first line with content indented less.
fn block_end(lines: &[&str], from: usize, to: usize, key_indent: usize) -> usize {
    (from..to).find(|&i| lines.get(i).is_some_and(|l| is_content(l) && indent_of(l) < key_indent)).unwrap_or(to)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Not blank and not a comment.
fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::yml_line;

    const YML: &str = "\
version: 2

sources:
  - name: ehr   # the EHR feed
    tables:
      - name: patients
        columns:
          - name: mrn
          - name: \"Full_Name\"
      - name: visits
        columns:
          - name: mrn

models:
  - name: stg_patients
    description: >
      name: mrn appears in a description
    columns:
      - name: patient_id
        data_tests:
          - relationships:
              to: ref('x')
              field: mrn
      - name: mrn
  - name: stg_visits
    columns:
      - name: visit_id
";

    #[test]
    fn finds_resources_tables_and_columns_in_their_section() {
        let line = |section: &str, names: &[&str]| yml_line(YML, section, names);
        assert_eq!(line("sources", &["ehr"]), Some(4));
        assert_eq!(line("sources", &["ehr", "patients"]), Some(6));
        assert_eq!(line("sources", &["ehr", "patients", "full_name"]), Some(9), "quoted, any case");
        assert_eq!(line("sources", &["ehr", "visits", "mrn"]), Some(12), "the column of that table");
        assert_eq!(line("models", &["stg_patients", "mrn"]), Some(24), "not a description or a test argument");
        assert_eq!(line("models", &["stg_visits"]), Some(25));
        assert_eq!(line("models", &["stg_visits", "mrn"]), Some(25), "a column not listed: the resource's line");
        assert_eq!(line("models", &["patients"]), None, "a source table is not a model");
        assert_eq!(line("exposures", &["stg_visits"]), Some(25), "no such section: the whole file");
        assert_eq!(yml_line("", "models", &["x"]), None);
    }
}
