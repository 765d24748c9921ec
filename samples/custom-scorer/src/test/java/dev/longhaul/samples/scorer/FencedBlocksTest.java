package dev.longhaul.samples.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FencedBlocksTest {

    @Test
    void findsEachBlockWithItsLanguageAndCode() {
        String answer = "Here:\n```python\nx = 1\n```\nand a shell line\n```bash\nls\n```\n```\nplain\n```\n";
        assertEquals(List.of(new FencedBlock("python", "x = 1\n", true), new FencedBlock("bash", "ls\n", true),
                new FencedBlock("", "plain\n", true)), FencedBlocks.of(answer));
    }

    @Test
    void anUnclosedBlockRunsToTheEndAndSaysSo() {
        assertEquals(List.of(new FencedBlock("python", "def f(n):\n    return fib(n -\n", false)),
                FencedBlocks.of("Sure!\n```python\ndef f(n):\n    return fib(n -"));
    }

    @Test
    void aFenceClosesOnlyWithItsOwnCharacterAtLeastAsLong() {
        String answer = "````Python extra words\n```\nprint(1)\n~~~\n````\n";
        assertEquals(List.of(new FencedBlock("python", "```\nprint(1)\n~~~\n", true)), FencedBlocks.of(answer));
    }

    @Test
    void anIndentedFenceStripsItsIndentationFromTheCode() {
        String answer = "1. Step one:\n   ```py\n   if x:\n       y()\n   ```\n";
        assertEquals(List.of(new FencedBlock("py", "if x:\n    y()\n", true)), FencedBlocks.of(answer));
    }

    @Test
    void fourSpacesOrBackticksInTheInfoStringAreNoFence() {
        assertEquals(List.of(), FencedBlocks.of("    ```python\n    x\n    ```\n"));
        assertEquals(List.of(), FencedBlocks.of("```py`thon\nx\n"));
    }
}
