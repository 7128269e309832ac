#include "sim/parallel/mpi_ranks.h"

#include "sim/parallel/cell_messages.h"

#include "sim/cases/modes.h"
#include "sim/engine/experiment.h"
#include "sim/engine/setting_error.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>
#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

namespace elicit::parallel {
namespace {

// The messages between rank 0 and the workers. Payloads are text.
enum Tag : int {
  kCase = 1,   // 0 -> worker: a case to work on (case_message)
  kCell = 2,   // 0 -> worker: the index of a cell to compute, or "none": the case is done
  kStop = 3,   // 0 -> worker: no more cases
  kReady = 4,  // worker -> 0: give me a cell
  kRow = 5,    // worker -> 0: a cell's row (row_message), and give me another
  kError = 6,  // worker -> 0: a cell's error (error_message), and give me another
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

// Waits for the next message from `rank`. Open MPI's blocking probe spins a core
// at 100% while it waits; a worker waits between cells, so it sleeps instead.
Message receive_from(int rank) {
  MPI_Status status;
  for (int arrived = 0;;) {
    MPI_Iprobe(rank, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived) return receive(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
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
    const Message m = receive_from(0);
    if (m.tag == kStop) return 0;
    if (m.tag != kCase) continue;
    const std::vector<CaseOnWorker> cases = read_cases_message(m.text);
    send("", 0, kReady);
    for (;;) {
      const auto next = read_cell_message(receive_from(0).text);
      if (!next) break;
      try {
        const CaseOnWorker& on = cases.at(next->case_index);
        if (on.unreadable) std::rethrow_exception(on.unreadable);
        const auto row =
            cases::evaluate_cell(*on.case_file, on.case_file->cells.at(next->cell), on.settings);
        send(row_message(next->cell, row), 0, kRow);
      } catch (...) {
        send(error_message(next->cell, std::current_exception()), 0, kError);
      }
    }
  }
}

std::optional<CellToCompute> MpiRanks::next_cell(const std::vector<cases::HelpedCase>& cases) {
  for (; next_case_ < cases.size(); ++next_case_) {
    if (const auto cell = cases[next_case_].cells->take()) return CellToCompute{next_case_, *cell};
  }
  return std::nullopt;
}

void MpiRanks::serve(const std::vector<cases::HelpedCase>& cases) {
  const std::string message = cases_message(cases);
  for (int to = 1; to < size_; ++to) send(message, to, kCase);
  next_case_ = 0;
  int working = size_ - 1;
  // The cell each rank was last given: what its row or error is about.
  std::vector<std::optional<CellToCompute>> given(static_cast<std::size_t>(size_));
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
    auto& last = given[static_cast<std::size_t>(m.from)];
    if (last && (m.tag == kRow || m.tag == kError)) {
      cases::CellDispatch& dispatch = *cases[last->case_index].cells;
      try {
        const engine::Mode mode = cases[last->case_index].case_file->mode;
        if (m.tag == kRow) dispatch.deliver(last->cell, read_row_message(m.text, mode).row);
        if (m.tag == kError) dispatch.fail(last->cell, read_error_message(m.text).error);
      } catch (...) {
        dispatch.fail(last->cell, std::current_exception());
      }
    }
    last = next_cell(cases);
    send(cell_message(last), m.from, kCell);
    if (!last) --working;
  }
}

}  // namespace elicit::parallel
