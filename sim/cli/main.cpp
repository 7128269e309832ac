// The `elicit` command: subcommands registered from sim/cli/, errors mapped to the
// exit statuses of sim/cli/input_error.h.
#include "sim/cli/bounds_command.h"
#include "sim/cli/exact_command.h"
#include "sim/cli/input_error.h"
#include "sim/cli/run_command.h"
#include "sim/cli/trace_command.h"
#include "sim/engine/experiment.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"elicit: numerical checks of the sample-complexity theorems of arXiv 2506.08060"};
  app.require_subcommand(1);
  elicit::cli::add_bounds_command(app);
  elicit::cli::add_trace_command(app);
  elicit::cli::add_run_command(app);
  elicit::cli::add_exact_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    std::cerr << "elicit: " << error.what() << "\n";
    return elicit::cli::kExitBadInput;
  } catch (const elicit::cli::InputError& error) {
    std::cerr << "elicit: " << error.what() << "\n";
    return elicit::cli::kExitBadInput;
  } catch (const elicit::engine::ReplayMismatch& error) {
    std::cerr << "elicit: the transformer and the fast path disagree: " << error.what() << "\n";
    return elicit::cli::kExitReplayMismatch;
  } catch (const std::exception& error) {
    std::cerr << "elicit: internal error (a bug; please report it): " << error.what() << "\n";
    return elicit::cli::kExitInternalError;
  }
  return 0;
}
