//! Writing files without ever leaving a half-written one behind.
//!
//! [`write_atomically`] writes into a temporary file in the destination's
//! directory and renames it over the destination only when everything was
//! written and flushed. If writing fails, the temporary file is removed and an
//! existing file at the destination is untouched. A destination in a
//! directory that does not exist is an error: no directory is created.
//!
//! A destination that is not a regular file (a device such as `/dev/null`
//! or `/dev/full`, a named pipe) cannot be replaced by a rename, and must not
//! be: it is written in place, and a write error is still reported. A
//! symbolic link is followed, so the file it points to is replaced and the
//! link stays.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Checks, before any work is done, that [`write_atomically`] can put a file
/// at `path`: it is not a directory and its directory exists. A command
/// writing several files checks them all first, so that a run does not
/// replace one and then fail on the next.
pub fn check_destination(path: &Path) -> Result<()> {
    let name = path.display().to_string();
    if path.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory");
        return Err(Error::io(name, e));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::NotFound, "directory does not exist");
        return Err(Error::Io {
            name,
            message: format!("directory {} does not exist", dir.display()),
            source: e,
        });
    }
    Ok(())
}

/// Writes the file at `path` through `fill`, atomically.
pub fn write_atomically<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    check_destination(path)?;
    let name = path.display().to_string();
    // Errors of `fill` that carry no file name get this one.
    let named = |e: Error| match e {
        Error::Export(e) => Error::io(&name, e),
        e => e,
    };
    let meta = std::fs::metadata(path).ok();
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        let file =
            std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(&name, e))?;
        let mut w = BufWriter::new(file);
        fill(&mut w).map_err(named)?;
        return w.flush().map_err(|e| Error::io(&name, e));
    }
    // Follow a symbolic link to the file it names, so the link survives.
    let resolved;
    let path = if meta.is_some() && path.is_symlink() {
        resolved = std::fs::canonicalize(path).map_err(|e| Error::io(&name, e))?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".hanalign-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(&name, e))?;
    {
        let mut w = BufWriter::new(tmp.as_file());
        fill(&mut w).map_err(named)?;
        w.flush().map_err(|e| Error::io(&name, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(&name, e))?;
    tmp.persist(path).map_err(|e| Error::io(&name, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tsv");
        std::fs::write(&path, "old").unwrap();
        let res = write_atomically(&path, |w| {
            w.write_all(b"partial").unwrap();
            Err(Error::Config("boom".into()))
        });
        assert!(res.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope/out.tsv");
        let err = write_atomically(&path, |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!dir.path().join("nope").exists());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_and_their_errors_reported() {
        let full = Path::new("/dev/full");
        if !full.exists() {
            eprintln!("skipped: no /dev/full on this system");
            return;
        }
        let err = write_atomically(full, |w| w.write_all(&[b'x'; 100_000]).map_err(Error::Export))
            .unwrap_err();
        assert_eq!(err.to_string(), "/dev/full: no space left on device");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(full).unwrap().file_type().is_char_device());
        write_atomically(Path::new("/dev/null"), |w| w.write_all(b"x").map_err(Error::Export))
            .unwrap();
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.tsv");
        let link = dir.path().join("link.tsv");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new").map_err(Error::Export)).unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn success_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tsv");
        write_atomically(&path, |w| w.write_all(b"new").map_err(Error::Export)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
