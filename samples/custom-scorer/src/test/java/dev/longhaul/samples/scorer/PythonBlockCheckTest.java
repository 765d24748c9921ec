package dev.longhaul.samples.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The check agrees with Python: every case below was compiled by Python 3.11's {@code compile(source, name, "exec")}
 * outside this repository, and the check must accept exactly the sources Python accepted.
 */
class PythonBlockCheckTest {

    /** Python 3.11's compile() accepts these. */
    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("function", "def add(a, b):\n    return a + b\n"),
                arguments("class_nested", "class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, x):\n        self.items.append(x)\n\nprint(Stack())\n"),
                arguments("dict_multiline", "config = {\n    'name': 'x',\n  'size': [1, 2,\n 3],\n}\n"),
                arguments("docstring_with_brackets_and_colon", "def f():\n    \"\"\"Returns (a: [b.\n\n    Notes: {\n    \"\"\"\n    return 1\n"),
                arguments("comment_with_brackets", "x = 1  # (unclosed [ in a comment:\nif x:  # trailing comment\n    pass\n"),
                arguments("hash_in_string", "s = '# not a comment ('\nt = \"it's\"\n"),
                arguments("backslash_continuation", "total = 1 + \\\n        2\nif total:\n    print(total)\n"),
                arguments("dedent_two_levels", "for i in range(3):\n    if i:\n        print(i)\nprint('done')\n"),
                arguments("one_line_if", "if True: print('x')\nx = [i for i in range(3) if i]\n"),
                arguments("escaped_quote", "s = 'it\\'s'\nr = r\"\\\"\"\n"),
                arguments("tabs", "if True:\n\tx = 1\n\tif x:\n\t\tpass\n"),
                arguments("decorator_and_type_hints", "@staticmethod\ndef f(x: int) -> dict[str, int]:\n    return {'a': x}\n"),
                arguments("lambda_slice", "f = lambda x: x[1:]\ny = f([1, 2])[::2]\n"),
                arguments("empty", ""),
                arguments("comments_only", "# just a comment\n\n"),
                arguments("string_line_continuation", "s = 'abc\\\ndef'\n"),
                arguments("match_case", "match x:\n    case 1:\n        pass\n    case _:\n        pass\n"),
                arguments("import_star", "from os import *\n"),
                arguments("float_with_trailing_dot", "x = 1.\nif x:\n    pass\n"),
                arguments("blank_line_after_continuation", "x = 1 + \\\n  2\n\ny = 2\n"),
                arguments("colon_inside_brackets_and_one_liner", "if x == {'a': 1}: y = [1, 2][0:1]\n"),
                arguments("lambda_in_header", "if f(lambda: 1):\n    pass\nelse:\n    pass\n"),
                arguments("soft_keywords_as_names", "match = 1\ncase = match + 1\nclass_name = 'x'\n"),
                arguments("keywords_between_names", "import os.path as p\nfrom a import b\nx = not a in b and c is not None\nf = lambda y: await_ if y else 1.5e-3\nmatch command:\n    case Point(x=0):\n        pass\n"),
                arguments("string_prefixes_and_numbers", "s = f'{x}' + rb'y' + u'z'\nn = 0x1F + 1_000 + 3.14j + 1.\n"));
    }

    /** Python 3.11's compile() accepts none of these. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("unclosed_paren", "print(add(1, 2)\n"),
                arguments("mismatched", "x = [1, 2)\n"),
                arguments("unmatched_close", "x = 1)\n"),
                arguments("unterminated_string", "s = 'abc\nprint(s)\n"),
                arguments("unterminated_triple", "def f():\n    \"\"\"doc\n    return 1\n"),
                arguments("missing_block", "def f():\nreturn 1\n"),
                arguments("header_at_end", "class A:\n"),
                arguments("header_then_comment_at_end", "def f():\n    # todo\n"),
                arguments("unexpected_indent", "x = 1\n    y = 2\n"),
                arguments("bad_dedent", "if x:\n        a = 1\n    b = 2\n"),
                arguments("backslash_at_end_of_source", "x = 1 + \\\n"),
                arguments("text_after_backslash", "x = 1 + \\ 2\n"),
                arguments("truncated", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n -"),
                arguments("ends_with_plus", "def f(a, b):\n    return a +\n"),
                arguments("ends_with_dot", "x = obj.\n"),
                arguments("ends_with_comparison", "ok = a ==\n"),
                arguments("for_without_colon", "for i in range(3)\n    print(i)\n"),
                arguments("def_without_colon", "def f() -> int\n    return 1\n"),
                arguments("try_without_colon", "try\n    x = 1\nexcept ValueError:\n    pass\n"),
                arguments("two_names_in_a_row", "del _A VAILIN_NODES[name]\n"),
                arguments("print_statement", "print 'hello'\nprint x\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsWhatPythonCompiles(String name, String source) {
        assertEquals(Optional.empty(), PythonBlockCheck.problem(source));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWhatPythonRejects(String name, String source) {
        assertTrue(PythonBlockCheck.problem(source).isPresent(), name);
    }

    @Test
    void namesTheProblemAndItsLineAsPythonDoes() {
        assertEquals(Optional.of("line 1: '(' was never closed"), PythonBlockCheck.problem("print(add(1, 2)\n"));
        assertEquals(Optional.of("line 1: closing ')' does not match '['"), PythonBlockCheck.problem("x = [1, 2)\n"));
        assertEquals(Optional.of("line 2: unterminated triple-quoted string"),
                PythonBlockCheck.problem("def f():\n    \"\"\"doc\n    return 1\n"));
        assertEquals(Optional.of("line 3: unindent does not match any outer indentation level"),
                PythonBlockCheck.problem("if x:\n        a = 1\n    b = 2\n"));
        assertEquals(Optional.of("line 2: expected an indented block after line 1"),
                PythonBlockCheck.problem("def f():\nreturn 1\n"));
    }
}
