#include "sim/cli/progress_display.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <iostream>

namespace elicit::cli {
namespace {

std::string duration_text(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  if (seconds < 3600)
    return fmt::format("{:.0f} min {:02.0f} s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f} h {:02.0f} min", std::floor(seconds / 3600),
                     std::fmod(seconds / 60, 60));
}

// The terminal's width, so that the status line never wraps (a wrapped line
// cannot be rewritten in place).
std::size_t terminal_columns() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace

ProgressDisplay::ProgressDisplay(bool enabled, std::string prefix)
    : enabled_(enabled),
      prefix_(std::move(prefix)),
      start_(std::chrono::steady_clock::now()),
      last_status_(start_) {}

ProgressDisplay::~ProgressDisplay() { clear(); }

std::string ProgressDisplay::eta(std::size_t total) const {
  if (finished_ == 0 || finished_ >= total) return "";
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double left =
      elapsed / static_cast<double>(finished_) * static_cast<double>(total - finished_);
  return ", about " + duration_text(left) + " left";
}

void ProgressDisplay::clear() {
  if (!status_shown_) return;
  std::cerr << "\r\033[K" << std::flush;
  status_shown_ = false;
}

void ProgressDisplay::cell_done(std::size_t finished, std::size_t total, const std::string& line) {
  finished_ = finished;
  if (!enabled_) return;
  clear();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::cerr << fmt::format("{}[{}/{}] {}  ({} elapsed{})\n", prefix_, finished, total, line,
                           duration_text(elapsed), eta(total));
}

void ProgressDisplay::trials(const cases::CellProgress& progress, std::size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_status_ < std::chrono::milliseconds(200)) return;  // at most 5 updates a second
  last_status_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string status = fmt::format("{}cell {}/{} ({}): n = {}, {} trials  ({} elapsed{})", prefix_,
                                   progress.cell + 1, total, progress.description, progress.n,
                                   progress.trials, duration_text(elapsed), eta(total));
  const std::size_t width = terminal_columns() - 1;
  if (status.size() > width) status = status.substr(0, width);
  std::cerr << "\r\033[K" << status << std::flush;
  status_shown_ = true;
}

}  // namespace elicit::cli
