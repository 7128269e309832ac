#include "sim/parallel/mpi_ranks.h"

#include "sim/cases/modes.h"
#include "sim/engine/experiment.h"
#include "sim/engine/setting_error.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>
#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace elicit::parallel {
namespace {

// The messages between rank 0 and the workers. Payloads are text.
enum Tag : int {
  kCase = 1,   // 0 -> worker: a case to work on (case_message)
  kCell = 2,   // 0 -> worker: the index of a cell to compute, or "none": the case is done
  kStop = 3,   // 0 -> worker: no more cases
  kReady = 4,  // worker -> 0: give me a cell
  kRow = 5,    // worker -> 0: "INDEX\nROW-JSON", and give me another
  kError = 6,  // worker -> 0: "INDEX\nKIND\nKEY\nMESSAGE", and give me another
};

void send(const std::string& text, int to, Tag tag) {
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD);
}

struct Message {
  int from = 0;
  int tag = 0;
  std::string text;
};

// Receives the message `status` announced (after a probe).
Message receive(const MPI_Status& status) {
  int size = 0;
  MPI_Get_count(&status, MPI_CHAR, &size);
  Message m{status.MPI_SOURCE, status.MPI_TAG, std::string(static_cast<std::size_t>(size), '\0')};
  MPI_Recv(m.text.data(), size, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return m;
}

Message receive_from(int rank) {
  MPI_Status status;
  MPI_Probe(rank, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
  return receive(status);
}

// A case as the workers need it: its text (they read it as rank 0 did) and the
// three settings the command line can override.
std::string case_message(const cases::CaseFile& c, const engine::RunSettings& s) {
  return fmt::format("{}\n{}\n{}\n{}\n{}", s.seed, s.trials, s.threads, c.path.string(), c.text);
}

struct CaseOnWorker {
  cases::CaseFile case_file;
  engine::RunSettings settings;
};

CaseOnWorker read_case_message(const std::string& text) {
  std::istringstream in(text);
  std::string seed, trials, threads, path;
  std::getline(in, seed);
  std::getline(in, trials);
  std::getline(in, threads);
  std::getline(in, path);
  const auto header = seed.size() + trials.size() + threads.size() + path.size() + 4;
  CaseOnWorker w{cases::case_file_from_text(text.substr(header), path), {}};
  w.settings = w.case_file.run;
  w.settings.seed = std::stoull(seed);
  w.settings.trials = std::stoll(trials);
  w.settings.threads = std::stoi(threads);
  return w;
}

// An error raised computing a cell, carried to rank 0 and raised there again, so
// that bad input is reported as such whichever rank found it.
std::string error_message(std::size_t cell, const std::exception_ptr& error) {
  std::string kind = "other", key;
  std::string what = "unknown error";
  try {
    std::rethrow_exception(error);
  } catch (const engine::SettingError& e) {
    kind = "setting", key = e.key(), what = e.what();
  } catch (const cases::CaseError& e) {
    kind = "case", what = e.what();
  } catch (const engine::ReplayMismatch& e) {
    kind = "replay", what = e.what();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  return fmt::format("{}\n{}\n{}\n{}", cell, kind, key, what);
}

std::exception_ptr error_from(std::istream& in) {
  std::string kind, key, what;
  std::getline(in, kind);
  std::getline(in, key);
  std::getline(in, what, '\0');
  const std::string message = what;
  if (kind == "setting") return std::make_exception_ptr(engine::SettingError(key, message));
  if (kind == "case") return std::make_exception_ptr(cases::CaseError(message));
  if (kind == "replay") return std::make_exception_ptr(engine::ReplayMismatch(message));
  return std::make_exception_ptr(std::runtime_error("on another MPI rank: " + message));
}

}  // namespace

std::unique_ptr<MpiRanks> MpiRanks::join(int& argc, char**& argv) {
  // Open MPI's launcher names the job's size; a plain run never initialises MPI.
  const char* world = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!world || std::atoi(world) < 2) return nullptr;
  int provided = 0;
  // Only the thread that runs `elicit` calls MPI; cells' own threads never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::unique_ptr<MpiRanks>(new MpiRanks(rank, size));
}

MpiRanks::~MpiRanks() {
  if (rank_ == 0) {
    for (int to = 1; to < size_; ++to) send("", to, kStop);
  }
  MPI_Finalize();
}

std::string MpiRanks::library_version() {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(text, &length);
  std::string version(text, static_cast<std::size_t>(length));
  // "Open MPI v4.1.4, package: ..." -> "Open MPI v4.1.4"
  return version.substr(0, version.find(','));
}

int MpiRanks::work() {
  for (;;) {
    Message m = receive_from(0);
    if (m.tag == kStop) return 0;
    if (m.tag != kCase) continue;
    std::optional<CaseOnWorker> on;
    std::exception_ptr unreadable;
    try {
      on = read_case_message(m.text);
    } catch (...) {
      unreadable = std::current_exception();
    }
    send("", 0, kReady);
    for (;;) {
      const Message cell = receive_from(0);
      if (cell.text == "none") break;
      const std::size_t index = std::stoull(cell.text);
      try {
        if (unreadable) std::rethrow_exception(unreadable);
        const auto row =
            cases::evaluate_cell(on->case_file, on->case_file.cells.at(index), on->settings);
        send(fmt::format("{}\n{}", index, results::to_json(row).dump()), 0, kRow);
      } catch (...) {
        send(error_message(index, std::current_exception()), 0, kError);
      }
    }
  }
}

void MpiRanks::serve(const cases::CaseFile& case_file, const engine::RunSettings& settings,
                     cases::CellDispatch& dispatch) {
  const std::string message = case_message(case_file, settings);
  for (int to = 1; to < size_; ++to) send(message, to, kCase);
  int working = size_ - 1;
  while (working > 0) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) {
      // Polling keeps MPI on this thread while the local threads compute cells.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    const Message m = receive(status);
    std::istringstream in(m.text);
    std::string index_text;
    std::getline(in, index_text);
    if (m.tag == kRow) {
      const std::size_t index = std::stoull(index_text);
      std::string row;
      std::getline(in, row, '\0');
      try {
        dispatch.deliver(index, results::cell_result_from_json(nlohmann::ordered_json::parse(row),
                                                               case_file.mode));
      } catch (...) {
        dispatch.fail(index, std::current_exception());
      }
    } else if (m.tag == kError) {
      dispatch.fail(std::stoull(index_text), error_from(in));
    }
    const auto next = dispatch.take();
    send(next ? std::to_string(*next) : "none", m.from, kCell);
    if (!next) --working;
  }
}

}  // namespace elicit::parallel
