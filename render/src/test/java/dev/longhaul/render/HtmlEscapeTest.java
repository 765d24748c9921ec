package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlEscapeTest {

    @Test
    void markupCharactersBecomeReferences() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", HtmlEscape.text("<script>alert('x')</script>"));
        assertEquals("&lt;/svg&gt;&lt;img src=x onerror=&quot;go()&quot;&gt;",
                HtmlEscape.text("</svg><img src=x onerror=\"go()\">"));
        assertEquals("a &amp;amp; b &amp;lt;", HtmlEscape.text("a &amp; b &lt;"), "references in the text stay text");
    }

    @Test
    void whitespaceAndNonAsciiTextIsKept() {
        String text = "def f():\n\treturn 1\r\n# é ü 日本語 😀 ∑";
        assertEquals(text, HtmlEscape.text(text));
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesBecomeReplacementCharacters() {
        assertEquals("\uFFFD\uFFFD\uFFFDa\uFFFDb\uFFFD", HtmlEscape.text("\u0000\u0007\u007fa\uD800b\uDC00"));
        assertEquals("\uD83D\uDE00", HtmlEscape.text("\uD83D\uDE00"), "a pair stays");
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", HtmlEscape.text(null));
    }
}
