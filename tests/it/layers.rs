//! The layers point one way (docs/architecture.md#layers): a module may use
//! the modules of lower layers, never one of its own layer or above. This
//! reads every source file and lists every import that points up.

use crate::common::rust_files;
use std::{collections::BTreeSet, fs, path::Path};

/// Lowest first. Modules in one layer do not use each other.
const LAYERS: &[&[&str]] = &[
    &["domain"],
    &["model"],
    &["i18n"],
    &["crypto"],
    &["register"],
    &["store"],
    &["config"],
    &["ingest", "tree"],
    &["views"],
    &["demo"],
    &["auth"],
    &["state"],
    &["api", "app"],
    &["server"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a file belongs to: `src/store/log/read.rs` → `store`.
fn module_of(path: &Path, src: &Path) -> Option<String> {
    let relative = path.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// The top-level modules a file names as `crate::x` or `crate::{x, y::z}`.
fn used_modules(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        used.extend(first_ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            used.extend(first_ident(&item));
        } else {
            used.extend(first_ident(rest));
        }
    }
    used
}

fn first_ident(text: &str) -> Option<String> {
    let ident: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

#[test]
fn no_module_uses_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let Some(module) = module_of(file, &src) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            panic!("{module} (in {}) is in no layer of LAYERS", file.display());
        };
        let code = fs::read_to_string(file).expect("read file");
        for used in used_modules(&code) {
            if used == module {
                continue;
            }
            // Macros and items of the crate root (`crate::on_pool!`) are no layer.
            let Some(theirs) = layer(&used) else { continue };
            if theirs >= own {
                wrong.push(format!("{} uses {used}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_that_points_up() {
    let code = "use crate::{\n    domain::Bsn, // crate::server in a comment\n    state::AppState,\n};\nlet x = crate::server::cli::run();";
    let used = used_modules(code);
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["domain", "server", "state"]
    );
}
