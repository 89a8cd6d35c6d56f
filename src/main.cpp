#include "cli/app.hpp"

int main(int argc, char** argv) { return cratescope::cli::run(argc, argv); }
