#include "cli/app.hpp"
#include "core/allocator_tuning.hpp"

int main(int argc, char** argv) {
  cratescope::tune_allocator();
  return cratescope::cli::run(argc, argv);
}
