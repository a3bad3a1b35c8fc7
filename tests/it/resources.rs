//! Every resource is created by a page: the component a route renders,
//! before any `<Suspense>`. A resource created by a component rendered
//! inside a `<Suspense>` makes the server walk that Suspense again and again,
//! each walk creating a fresh resource, so the page can wait for ever
//! (leptos issue 4866); the investigation page did this once, and the tests
//! that rendered it hung now and then.

use crate::common::rust_files;
use std::{fs, path::Path};

/// The components that `src/app.rs` names as a route's `view`.
fn route_views(app: &str) -> Vec<String> {
    app.match_indices("view=")
        .map(|(at, _)| {
            app[at + "view=".len()..]
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or_default()
                .rsplit("::")
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// For each `Resource::new` in `code`: the component (`#[component] fn`)
/// whose body holds it.
fn resource_owners(code: &str) -> Vec<String> {
    let mut owner = String::new();
    let mut in_component = false;
    let mut owners = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("#[component]") {
            in_component = true;
        } else if let Some(rest) = line
            .strip_prefix("pub fn ")
            .or_else(|| line.strip_prefix("fn "))
        {
            owner = if in_component {
                rest.split(['(', '<']).next().unwrap_or_default().to_owned()
            } else {
                format!(
                    "{} (not a component)",
                    rest.split('(').next().unwrap_or_default()
                )
            };
            in_component = false;
        }
        if line.contains("Resource::new") {
            owners.push(owner.clone());
        }
    }
    owners
}

#[test]
fn resources_are_created_only_by_route_pages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let views = route_views(&fs::read_to_string(src.join("app.rs")).expect("app.rs"));
    assert!(views.len() > 20, "routes found: {views:?}");
    let mut files = vec![src.join("app.rs")];
    rust_files(&src.join("app"), &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let code = fs::read_to_string(&file).expect("read file");
        for owner in resource_owners(&code) {
            if !views.contains(&owner) {
                wrong.push(format!("{}: a resource in {owner}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "resources outside a route's page:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_a_resource_in_a_component_inside_a_page() {
    let app = r#"<Route path=StaticSegment("x") view=page::Page ssr=SsrMode::Async />"#;
    let code = "#[component]\npub fn Page() -> impl IntoView {\n    let a = Resource::new(|| (), |_| f());\n}\n\
                #[component]\nfn Confirm(id: String) -> impl IntoView {\n    let b = Resource::new(|| (), |_| g());\n}\n";
    assert_eq!(route_views(app), ["Page"]);
    assert_eq!(resource_owners(code), ["Page", "Confirm"]);
}
