#pragma once
// A set of packages for each package of the graph, each kept as a sorted
// list. The sets are dependency closures, a few dozen packages each: a dense
// n x n bit matrix would need 116 GiB for the million crate versions of a
// whole registry, these need what they hold.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace cratescope::callgraph {

class PackageSets {
 public:
  void assign(size_t packages) { sets_.assign(packages, {}); }

  bool contains(size_t from, uint32_t package) const {
    const std::vector<uint32_t>& set = sets_[from];
    return std::binary_search(set.begin(), set.end(), package);
  }
  const std::vector<uint32_t>& of(size_t from) const { return sets_[from]; }
  // Replaces the set of `from` (in any order, repeats allowed).
  void set(size_t from, std::vector<uint32_t> packages) {
    std::sort(packages.begin(), packages.end());
    packages.erase(std::unique(packages.begin(), packages.end()), packages.end());
    packages.shrink_to_fit();
    sets_[from] = std::move(packages);
  }

 private:
  std::vector<std::vector<uint32_t>> sets_;
};

}  // namespace cratescope::callgraph
