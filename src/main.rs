//! The `schakel` binary: the command line, and (later) the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of our output goes away (`| head`).
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // A panic must never show a Rust backtrace to a user.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("Er ging iets onverwacht mis in Schakel. Er is niets half opgeslagen; probeer het opnieuw.");
        if std::env::var_os("SCHAKEL_DEBUG").is_some() {
            eprintln!("{info}");
        }
    }));
    let cli = match schakel::cli::parse(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}", e.melding());
            return ExitCode::from(e.code() as u8);
        }
    };
    match schakel::cli::voer_uit(cli) {
        Ok(schakel::cli::Vervolg::Klaar) => ExitCode::SUCCESS,
        #[cfg(feature = "venster")]
        Ok(schakel::cli::Vervolg::Venster(map, begin)) => {
            // No command: open the window on the data dir.
            match schakel::ui::run(map, *begin) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("Het venster kon niet worden geopend: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("{}", e.melding());
            ExitCode::from(e.code() as u8)
        }
    }
}
