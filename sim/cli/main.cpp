// The `elicit` command: subcommands registered from sim/cli/, errors mapped to the
// exit statuses of sim/cli/input_error.h. `elicit` alone prints the help, and
// `elicit --version` the build's identity.
#include "sim/cli/bounds_command.h"
#include "sim/cli/exact_command.h"
#include "sim/cli/input_error.h"
#include "sim/cli/merge_command.h"
#include "sim/cli/report_command.h"
#include "sim/cli/run_command.h"
#include "sim/cli/trace_command.h"
#include "sim/engine/experiment.h"
#include "sim/report/build_info.h"
#include "sim/util/closest_name.h"
#ifdef ELICIT_WITH_MPI
#include "sim/parallel/mpi_ranks.h"
#endif

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <set>
#include <string>

namespace {

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string argument = argv[i];
    if (argument.empty() || argument.find_first_of(" \t'\"\\$;|&") != std::string::npos) {
      std::string quoted = "'";
      for (char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      argument = quoted + "'";
    }
    out += (i ? " " : "") + argument;
  }
  return out;
}

// The name of an unknown subcommand, if the first argument is one.
std::string unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return "";
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == argv[1]) return "";
  }
  return argv[1];
}

// The first `--name` on the command line that the command does not have, with the
// closest it does ("--trails: elicit run has no such option; did you mean --trials?").
std::string unknown_option(const CLI::App& app, int argc, char** argv) {
  const CLI::App* command = &app;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (argc >= 2 && sub->get_name() == argv[1]) command = sub;
  }
  std::set<std::string> names = {"--help"};
  for (const CLI::Option* option : command->get_options()) {
    for (const auto& name : option->get_lnames()) names.insert("--" + name);
  }
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (!argument.starts_with("--") || argument == "--") continue;
    argument = argument.substr(0, argument.find('='));
    if (names.count(argument)) continue;
    const std::string where =
        command == &app ? std::string("elicit") : "elicit " + command->get_name();
    const auto suggestion = elicit::closest_name(argument, names);
    return fmt::format("{}: {} has no such option{} ({} --help)", argument, where,
                       suggestion ? fmt::format("; did you mean {}?", *suggestion) : "", where);
  }
  return "";
}

// Output that could not be written (a full disk, a closed file) is no success.
bool standard_output_written() {
  std::cout.flush();
  return std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout);
}

}  // namespace

// Outside the try below, only std::bad_alloc or a bug (CLI11 refusing a command's options, a
// malformed message between MPI ranks) can throw: std::terminate reports it, nothing to recover.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  elicit::cases::CellHelpers* helpers = nullptr;
  std::string parallel = "no MPI";
#ifdef ELICIT_WITH_MPI
  // Under mpirun, ranks 1..R-1 compute cells for rank 0 and do nothing else.
  const auto ranks = elicit::parallel::MpiRanks::join(argc, argv);
  if (ranks && ranks->is_worker()) return ranks->work();
  helpers = ranks.get();
  parallel = "MPI: " + elicit::parallel::MpiRanks::library_version();
#endif
  CLI::App app{"elicit: numerical checks of the sample-complexity theorems of arXiv 2506.08060"};
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "print the version, git commit and build type");
  elicit::cli::add_bounds_command(app);
  elicit::cli::add_trace_command(app);
  elicit::cli::add_run_command(app, command_line(argc, argv), helpers);
  elicit::cli::add_report_command(app);
  elicit::cli::add_merge_command(app, command_line(argc, argv));
  elicit::cli::add_exact_command(app);
  app.footer(
      "Run `elicit COMMAND --help` for a command's options. The theory behind each check is in "
      "docs/theory.md, the results folder in docs/results.md, runs on many cores or machines in "
      "docs/scale.md.\nExit status: 0 done; 1 internal error (a bug: please report it); 2 bad "
      "input (a case file, an option, a prompt or an output path; the message names it); 3 "
      "replay mismatch (the transformer disagreed with its reference algorithm).");
  if (const std::string unknown = unknown_subcommand(app, argc, argv); !unknown.empty()) {
    std::cerr << fmt::format(
        "elicit: '{}' is not a command (bounds, run, merge, report, trace, exact; elicit --help)\n",
        unknown);
    return elicit::cli::kExitBadInput;
  }
  try {
    app.parse(argc, argv);
    if (version) {
      const auto& info = elicit::report::build_info();
      std::cout << fmt::format("elicit {} (git commit {}, {} build, {}, {})\n", info.version,
                               info.git_commit, info.build_type, info.compiler, parallel);
      return 0;
    }
    if (app.get_subcommands().empty()) {
      std::cout << app.help();
      return 0;
    }
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    const std::string unknown = unknown_option(app, argc, argv);
    std::cerr << "elicit: " << (unknown.empty() ? std::string(error.what()) : unknown) << "\n";
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
  if (!standard_output_written()) {
    std::cerr << "elicit: standard output: write failed (disk full?)\n";
    return elicit::cli::kExitBadInput;
  }
  return 0;
}
