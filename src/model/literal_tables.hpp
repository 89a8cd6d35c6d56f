#pragma once
// Where a file's large tables of numbers are (`static T: [u16; 9000] = [0x41,
// ...]`, generated Unicode and encoding tables), found in its text before
// parsing, so that they need not be parsed at all (see parse_text). Such a
// table holds no call, path, macro, `unsafe` or string: nothing any analysis
// reads. They are ~3.5% of the bytes of Debian's crate corpus but ~8% of its
// parse time (a number is a node every few bytes).
#include <string_view>
#include <vector>

#include "model/test_module_bodies.hpp"

namespace cratescope::model {

// Tables at least this long (the inside of the brackets) are left out;
// shorter ones are not worth a hole in the parse.
inline constexpr size_t kMinLiteralTableBytes = 1024;

// The insides of `[ ... ]` groups made only of numbers, punctuation,
// operators and `//` or `/* */` comments (nested groups and tuples of
// numbers too), outermost only, in order. No identifier, keyword, string,
// char, brace or `#` may appear: where one does, the group is no table.
// The text is not lexed from its start: a `[` inside a comment or a string
// can give a range, which the parser then rejects (parse_around checks each
// hole is the inside of an array's or a token tree's brackets) and the file
// is parsed whole. Time is linear in the text.
std::vector<ByteRange> literal_table_bodies(std::string_view text);

// What parse_text leaves out of `text`: the literal tables and, with
// `skip_test_modules`, the `#[cfg(test)] mod` bodies; sorted and apart (a
// table inside a test module is left out with the module).
std::vector<ByteRange> unparsed_ranges(std::string_view text, bool skip_test_modules);

}  // namespace cratescope::model
