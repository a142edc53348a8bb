//! Entry point of the phi-lens web app (built by Trunk): mounts the Yew app on the page.

fn main() {
    phi_lens::start();
}
