//! The library's one error type.
//!
//! Every error says *where* the problem is: the file (or `<stdin>`), and a
//! line or byte offset when there is one. Messages are lowercase with no
//! trailing punctuation so that the CLI can print them after `hanalign: `.

use std::io;

/// A specialised `Result` for this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{name}: {message}")]
    Io {
        /// The file name as the user gave it (`<stdin>` for standard input).
        name: String,
        /// A human description ("no such file or directory", "is a directory", …).
        message: String,
        /// The underlying I/O error.
        #[source]
        source: io::Error,
    },
    /// The input bytes could not be decoded as text.
    #[error("{name}: line {line}: invalid {encoding} at byte {offset}")]
    Decode {
        /// The file name.
        name: String,
        /// The 1-based line of the first undecodable byte.
        line: usize,
        /// The encoding that was tried (e.g. `UTF-8`).
        encoding: &'static str,
        /// Byte offset of the first undecodable byte.
        offset: usize,
    },
    /// The input holds a NUL byte: a binary file, not text.
    #[error("{name}: line {line}: looks like a binary file (NUL byte at {offset})")]
    Binary {
        /// The file name.
        name: String,
        /// The 1-based line of the first NUL byte.
        line: usize,
        /// Offset of the first NUL byte (in the decoded text).
        offset: usize,
    },
    /// The input holds no text (empty, or only whitespace).
    #[error("{name}: {what}")]
    Empty {
        /// The file name.
        name: String,
        /// What is missing ("file is empty", "no sentences found").
        what: &'static str,
    },
    /// The input is text but cannot be used, at a given line.
    #[error("{name}: line {line}: {message}")]
    BadLine {
        /// The file name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An input is not in the language it should be.
    #[error("{name}: {message}")]
    Language {
        /// The file name (or both names).
        name: String,
        /// What was found.
        message: String,
    },
    /// An option or argument has a value the library cannot use.
    #[error("invalid setting: {0}")]
    Config(String),
    /// Writing an export failed.
    #[error("export error: {0}")]
    Export(#[source] io::Error),
    /// An input is larger than a resource limit allows (see
    /// [`crate::ReadOptions::max_doc_bytes`]).
    #[error("{name}: {message}")]
    Limit {
        /// The file name.
        name: String,
        /// What is too large, the limit, and how to raise it.
        message: String,
    },
    /// A bug: code that should not fail panicked. The message says what and
    /// where; the work of other documents goes on.
    #[error("internal error: {0} (please report this bug)")]
    Internal(String),
}

impl Error {
    /// The one-line message of a caught panic's payload (`panic!` with a
    /// string or a format), for [`Error::Internal`].
    pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
        if let Some(s) = payload.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "panic with a non-text payload".to_string()
        }
        .replace('\n', " ")
    }

    /// Wraps an [`io::Error`] with the name of the file it concerns and a
    /// readable description of the common cases.
    pub fn io(name: impl Into<String>, source: io::Error) -> Error {
        let message = describe_io(&source);
        Error::Io { name: name.into(), message, source }
    }
}

/// A short lowercase description of an I/O error, without the OS error code.
pub fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        io::ErrorKind::StorageFull => "no space left on device".to_string(),
        _ => {
            let s = err.to_string();
            // Drop the " (os error N)" suffix that std adds.
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}
