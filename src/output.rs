//! Writing files without ever leaving a half-written one behind.
//!
//! [`write_atomically`] writes into a temporary file in the destination's
//! directory and renames it over the destination only when everything was
//! written and flushed. If writing fails, the temporary file is removed and an
//! existing file at the destination is untouched. A destination in a
//! directory that does not exist is an error: no directory is created.
//!
//! [`AtomicFile`] is the same as an object, for a file written over a long
//! run (a batch's corpus and report) and committed at the end. Temporary
//! files are named `.NAME.hanalign-XXXXXX.tmp` beside `NAME`, so that one a
//! killed process left behind is recognisable: [`remove_stale`] deletes
//! them.
//!
//! A destination that is not a regular file (a device such as `/dev/null`
//! or `/dev/full`, a named pipe) cannot be replaced by a rename, and must not
//! be: it is written in place, and a write error is still reported. A
//! symbolic link is followed, so the file it points to is replaced and the
//! link stays.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

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
    let dir = parent_dir(path);
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

/// Checks that writing `out` would not replace one of `inputs` or another
/// output of the same run: the same file reached through any path or link
/// is an error naming both, before any work is done. A name that holds no
/// file yet cannot be one of them, unless two outputs share it. A device or
/// a pipe (`/dev/null` for both outputs) is written in place, replacing
/// nothing, and may be anything.
pub fn check_distinct(out: &Path, inputs: &[&Path], outputs: &[&Path]) -> Result<()> {
    if std::fs::metadata(out).is_ok_and(|m| !m.is_file()) {
        return Ok(());
    }
    let same = |other: &Path| match (std::fs::canonicalize(out), std::fs::canonicalize(other)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let clash = |what: &str, other: &Path| Error::Io {
        name: out.display().to_string(),
        message: format!("is also {what} {}: write the output elsewhere", other.display()),
        source: std::io::ErrorKind::AlreadyExists.into(),
    };
    if let Some(input) = inputs.iter().find(|p| same(p)) {
        return Err(clash("the input", input));
    }
    let written_twice = |other: &Path| same(other) || absolute(out) == absolute(other);
    if let Some(other) = outputs.iter().find(|p| written_twice(p)) {
        return Err(clash("the output", other));
    }
    Ok(())
}

/// `path` made absolute without touching the file system (for names that
/// may not exist yet); `.` components are dropped.
fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    full.components().filter(|c| *c != std::path::Component::CurDir).collect()
}

/// Where `path` leads through symbolic links (itself when it is none): the
/// links are read one by one, so a dangling one still names its target.
fn link_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    // As many links as the kernel follows before it gives up (ELOOP).
    for _ in 0..40 {
        match std::fs::read_link(&p) {
            Ok(t) if t.is_absolute() => p = t,
            Ok(t) => p = parent_dir(&p).join(t),
            Err(_) => break,
        }
    }
    p
}

/// Writes the file at `path` through `fill`, atomically.
pub fn write_atomically<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let mut f = AtomicFile::create(path)?;
    let name = path.display().to_string();
    // Errors of `fill` that carry no file name get this one.
    fill(&mut f).map_err(|e| match e {
        Error::Export(e) => Error::io(&name, e),
        e => e,
    })?;
    f.commit()
}

/// A file being written: a buffered temporary file beside the destination,
/// renamed over it by [`AtomicFile::commit`]. Dropped without a commit (an
/// error, an interruption), the temporary file is removed and the
/// destination is untouched. A device or pipe is written in place.
pub struct AtomicFile {
    name: String,
    sink: Sink,
}

/// Bytes gathered before each write to the file: a corpus's output is tens
/// of megabytes, written by the thread that also hands out documents, and
/// std's 8 KB buffer made that thousands of system calls.
pub const WRITE_BUFFER: usize = 1 << 17;

enum Sink {
    Temp { w: BufWriter<NamedTempFile>, dest: PathBuf },
    InPlace(BufWriter<File>),
}

impl AtomicFile {
    /// Starts writing `path`. Errors: `path` is a directory, or its
    /// directory does not exist or cannot be written.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        check_destination(path)?;
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).ok();
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(&name, e))?;
            return Ok(AtomicFile {
                name,
                sink: Sink::InPlace(BufWriter::with_capacity(WRITE_BUFFER, file)),
            });
        }
        // Follow a symbolic link to the file it names (or is to name, when
        // the link dangles), so the link survives.
        let dest = link_target(path);
        let prefix = temp_prefix(&dest);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        // A temporary file is private (0600); the file it becomes is not: a
        // new one gets the usual 0666 less the umask, a replaced one keeps
        // its permissions.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(parent_dir(&dest)).map_err(|e| Error::io(&name, e))?;
        if let Some(m) = meta.as_ref() {
            tmp.as_file().set_permissions(m.permissions()).map_err(|e| Error::io(&name, e))?;
        }
        Ok(AtomicFile {
            name,
            sink: Sink::Temp { w: BufWriter::with_capacity(WRITE_BUFFER, tmp), dest },
        })
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    pub fn commit(self) -> Result<()> {
        let name = self.name;
        match self.sink {
            Sink::InPlace(mut w) => w.flush().map_err(|e| Error::io(&name, e)),
            Sink::Temp { w, dest } => {
                let tmp = w.into_inner().map_err(|e| Error::io(&name, e.into_error()))?;
                tmp.as_file().sync_all().map_err(|e| Error::io(&name, e))?;
                tmp.persist(&dest).map_err(|e| Error::io(&name, e.error))?;
                Ok(())
            }
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Temp { w, .. } => w,
            Sink::InPlace(w) => w,
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.writer().write_all(buf)
    }

    /// Flushes an output written in place (a device such as `/dev/stdout`,
    /// where a reader may be waiting). A temporary file is flushed when it
    /// is committed, and nobody reads it before: flushing it here would only
    /// cost a system call each time, and exporters flush after each
    /// document of a batch.
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temp { .. } => Ok(()),
            Sink::InPlace(w) => w.flush(),
        }
    }
}

const TEMP_SUFFIX: &str = ".tmp";

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.hanalign-`: the start of the temporary files for `path`.
fn temp_prefix(path: &Path) -> String {
    let file = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    format!(".{file}.hanalign-")
}

/// Removes the temporary files a killed process left beside `path` while
/// writing it (`.NAME.hanalign-XXXXXX.tmp`), and returns how many. Only for
/// a destination that no other process is writing at the same time.
pub fn remove_stale(path: &Path) -> Result<usize> {
    let prefix = temp_prefix(path);
    let dir = parent_dir(path);
    let Ok(rd) = std::fs::read_dir(dir) else { return Ok(0) };
    let mut n = 0;
    for e in rd.flatten() {
        let file = e.file_name();
        let Some(f) = file.to_str() else { continue };
        if f.starts_with(&prefix) && f.ends_with(TEMP_SUFFIX) && f.len() > prefix.len() + 4 {
            std::fs::remove_file(e.path())
                .map_err(|err| Error::io(e.path().display().to_string(), err))?;
            n += 1;
        }
    }
    Ok(n)
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
    fn an_output_may_not_be_an_input_or_another_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("ko.txt");
        std::fs::write(&input, "입력").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let fresh = dir.path().join("out.tsv");
        // The input itself, or through a link.
        assert!(check_distinct(&input, &[&input], &[]).is_err());
        assert!(check_distinct(&link, &[&input], &[]).is_err());
        assert!(check_distinct(&fresh, &[&input], &[]).is_ok());
        // Two outputs of one name, existing or not, spelt differently.
        let dotted = dir.path().join(".").join("out.tsv");
        assert!(check_distinct(&fresh, &[], &[&dotted]).is_err());
        assert!(check_distinct(&fresh, &[], &[&link]).is_ok());
        assert!(check_distinct(&link, &[], &[&input]).is_err());
        // Devices are written in place: both outputs may be /dev/null.
        let null = Path::new("/dev/null");
        assert!(check_distinct(null, &[null], &[null]).is_ok());
    }

    #[test]
    fn a_link_is_followed_even_when_it_dangles() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.tsv");
        std::os::unix::fs::symlink("target.tsv", &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new").map_err(Error::Export)).unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(dir.path().join("target.tsv")).unwrap(), "new");
        // And again, now that the target exists.
        write_atomically(&link, |w| w.write_all(b"newer").map_err(Error::Export)).unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "newer");
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

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_an_ordinary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // A new file: as std::fs::write would make it (0666 less the umask).
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let new = dir.path().join("new.txt");
        write_atomically(&new, |w| w.write_all(b"x").map_err(Error::Export)).unwrap();
        assert_eq!(mode(&new), mode(&plain));
        // A replaced file keeps its own.
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&old, |w| w.write_all(b"y").map_err(Error::Export)).unwrap();
        assert_eq!(mode(&old), 0o640);
    }

    #[test]
    fn stale_temp_files_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tsv");
        let f = AtomicFile::create(&path).unwrap();
        let names = || -> Vec<String> {
            let rd = std::fs::read_dir(dir.path()).unwrap();
            rd.map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
        };
        let tmp = names();
        assert!(tmp.len() == 1 && tmp[0].starts_with(".out.tsv.hanalign-"), "{tmp:?}");
        std::mem::forget(f); // as if the process were killed
        std::fs::write(dir.path().join(".other.tsv.hanalign-x.tmp"), "").unwrap();
        assert_eq!(remove_stale(&path).unwrap(), 1);
        assert_eq!(names(), vec![".other.tsv.hanalign-x.tmp".to_string()]);
    }
}
