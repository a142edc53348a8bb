//! The policy file of a load: `phi-lens.toml` downloaded from beside the artifacts (the
//! directory, then its parent, as the CLI looks), or a `.toml` among the dropped or picked
//! files. What it means is in [`crate::policy`]; this module only reads it.

use phi_lens_core::policy::policy_locations;

use crate::policy::{is_policy_file, FileProblem, PolicyState};

use super::fetch::{self, Fetched, Pending};

/// The requests for the policy beside the artifacts in `dir` ([`policy_locations`]), sent at once.
pub struct Beside(Vec<Pending>);

impl Beside {
    /// Sends the requests.
    pub fn send(dir: &str) -> Beside {
        Beside(policy_locations(dir).iter().map(|url| Pending::send(url)).collect())
    }

    /// The first `phi-lens.toml` found, else the default. A missing file is no problem (404, or
    /// the HTML page of a server that answers every path); a file that cannot be downloaded or
    /// parsed is reported with the default in force.
    pub async fn read(self) -> PolicyState {
        for pending in self.0 {
            let url = pending.url().to_string();
            match pending.fetch(&mut |_, _| {}, false).await {
                Fetched::Found(body) => return from_bytes(&url, body.bytes, &PolicyState::default()),
                Fetched::NotFound | Fetched::Html => {}
                Fetched::Failed(message) => {
                    let problem = FileProblem { file: url, text: String::new(), message };
                    return PolicyState::default().with_problem(problem);
                }
            }
        }
        PolicyState::default()
    }
}

/// Splits dropped or picked files into the policy files and the rest.
pub fn split(files: Vec<web_sys::File>) -> (Vec<web_sys::File>, Vec<web_sys::File>) {
    files.into_iter().partition(|f| is_policy_file(&f.name()))
}

/// Reads policy files (the last one wins, as when two files of one artifact are given) on
/// top of `state`; `notes` says which were set aside.
pub async fn read(files: &[web_sys::File], state: &PolicyState, notes: &mut Vec<String>) -> PolicyState {
    let Some((last, earlier)) = files.split_last() else { return state.clone() };
    for file in earlier {
        notes.push(format!("{} was not used: {} is the policy file", file.name(), last.name()));
    }
    match fetch::read_file(last).await {
        Ok(bytes) => from_bytes(&last.name(), bytes, state),
        Err(message) => state.with_problem(FileProblem { file: last.name(), text: String::new(), message }),
    }
}

/// The policy of `file`'s bytes on top of `state`; text that is not UTF-8 is a problem, as it
/// is for the CLI.
fn from_bytes(file: &str, bytes: Vec<u8>, state: &PolicyState) -> PolicyState {
    match String::from_utf8(bytes) {
        Ok(text) => state.with_file(file, text),
        Err(_) => state.with_problem(FileProblem {
            file: file.to_string(),
            text: String::new(),
            message: format!("{file}: invalid policy: the file is not UTF-8 text"),
        }),
    }
}
