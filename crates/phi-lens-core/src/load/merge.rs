//! The other artifacts merged into the manifest's project: the catalog's warehouse types and
//! columns, run results' statuses, and sources' freshness.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::artifacts::catalog::{RawCatalog, RawCatalogColumn};
use crate::artifacts::run_results::RawRunResults;
use crate::artifacts::sources::RawSourcesFile;
use crate::artifacts::{Meta, Str};
use crate::error::{Error, ErrorKind};
use crate::model::{Column, ColumnOrigin, Project, ResourceType, RunStatus, Text};

use super::convert::{own, string};
use super::interning::Interner;
use super::Warning;

/// Merges warehouse types and warehouse-only columns from catalog.json.
pub(crate) fn merge_catalog(
    project: &mut Project,
    raw: RawCatalog<'_>,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    project.has_catalog = true;
    let mut it = Interner::default();
    let index: HashMap<Text, usize> = project.nodes.iter().enumerate().map(|(i, n)| (n.unique_id.clone(), i)).collect();
    let tests: HashMap<Text, usize> = project.tests.iter().enumerate().map(|(i, t)| (t.unique_id.clone(), i)).collect();
    let total = raw.nodes.0.len() + raw.sources.0.len();
    let mut unmatched = Vec::new();
    for (uid, table) in raw.nodes.0.into_iter().chain(raw.sources.0) {
        if let Some(test) = tests.get(uid.as_ref()).and_then(|&i| project.tests.get_mut(i)) {
            test.stored_columns =
                table.columns.0.into_iter().map(|(key, col)| warehouse_column(key, col, &mut it)).collect();
            continue;
        }
        let Some(node) = index.get(uid.as_ref()).and_then(|&i| project.nodes.get_mut(i)) else {
            unmatched.push(uid.into_owned());
            continue;
        };
        node.in_catalog = true;
        node.warehouse_kind = it.opt(table.metadata.kind);
        let documented: HashMap<String, usize> =
            node.columns.iter().enumerate().map(|(i, c)| (c.name.to_lowercase(), i)).collect();
        for (key, col) in table.columns.0 {
            let name = col.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&key).to_lowercase();
            match documented.get(&name).and_then(|&i| node.columns.get_mut(i)) {
                Some(c) => {
                    c.warehouse_type = it.opt(col.data_type);
                }
                None => node.columns.push(warehouse_column(key, col, &mut it)),
            }
        }
    }
    if total > 0 && unmatched.len() == total {
        let project_name = project.info.project_name.as_deref().unwrap_or("(unnamed)");
        return Err(Error::new(
            file,
            ErrorKind::ForeignArtifact(format!(
                "none of its {total} relations is a model, seed, snapshot or source of project `{project_name}` \
                 (first: `{}`); was it generated for another project?",
                unmatched.first().map_or("", String::as_str)
            )),
        ));
    }
    if !unmatched.is_empty() {
        unmatched.sort();
        warnings.push(Warning {
            file: file.to_string(),
            message: format!(
                "{} of its {total} relations are not in the manifest (a stale catalog?), e.g. `{}`",
                unmatched.len(),
                unmatched.first().map_or("", String::as_str)
            ),
        });
    }
    Ok(())
}

/// A column known only from the warehouse.
fn warehouse_column(key: Str<'_>, col: RawCatalogColumn<'_>, it: &mut Interner) -> Column {
    Column {
        name: it.text(col.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&key)),
        description: it.text(""),
        data_type: None,
        warehouse_type: it.opt(col.data_type),
        tags: Vec::new(),
        meta: Meta::new(),
        access_config: Meta::new(),
        origin: ColumnOrigin::WarehouseOnly,
    }
}

/// Attaches the latest status of every test and node, and counts test statuses.
pub(crate) fn merge_run_results(
    project: &mut Project,
    raw: RawRunResults<'_>,
    file: &str,
    warnings: &mut Vec<Warning>,
) {
    project.has_run_results = true;
    let mut latest: HashMap<String, RunStatus> = HashMap::new();
    for r in raw.results {
        let uid = string(r.unique_id);
        let status = r.status.map_or_else(|| "None".to_string(), Cow::into_owned);
        if uid.starts_with("test.") {
            *project.test_status.entry(status.clone()).or_default() += 1;
        }
        latest.insert(uid, RunStatus { status, message: own(r.message), failures: r.failures });
    }
    let mut attached = 0usize;
    for t in &mut project.tests {
        if let Some(s) = latest.remove(&*t.unique_id) {
            t.run = Some(s);
            attached += 1;
        }
    }
    for n in &mut project.nodes {
        if let Some(s) = latest.remove(&*n.unique_id) {
            n.run = Some(s);
            attached += 1;
        }
    }
    // dbt `build` also writes results for exposures (`no-op`), metrics and unit tests.
    let others: HashSet<&str> = project
        .others
        .iter()
        .map(|o| o.unique_id.as_str())
        .chain(project.exposures.iter().map(|e| e.unique_id.as_str()))
        .collect();
    let unknown =
        latest.keys().filter(|k| !k.is_empty() && !k.starts_with("operation.") && !others.contains(k.as_str())).count();
    if attached == 0 && unknown > 0 {
        warnings.push(Warning {
            file: file.to_string(),
            message: format!(
                "none of its {unknown} results is a node of this manifest; was it written for another project?"
            ),
        });
    } else if unknown > 0 {
        warnings.push(Warning {
            file: file.to_string(),
            message: format!("{unknown} results are for nodes not in the manifest (stale run results?)"),
        });
    }
}

/// Attaches source freshness statuses.
pub(crate) fn merge_freshness(project: &mut Project, raw: RawSourcesFile<'_>) {
    let mut latest: HashMap<String, RunStatus> = HashMap::new();
    for r in raw.results {
        latest.insert(
            string(r.unique_id),
            RunStatus {
                status: string(r.status),
                message: own(r.max_loaded_at).map(|t| format!("max_loaded_at {t}")),
                failures: None,
            },
        );
    }
    for n in project.nodes.iter_mut().filter(|n| n.resource_type == ResourceType::Source) {
        if let Some(s) = latest.remove(&*n.unique_id) {
            n.run = Some(s);
        }
    }
}
