package dev.longhaul.cli.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The DOM as Chromium's {@code --dump-dom} serializes it, read back into elements: every non-void element has an
 * end tag, attribute values are double-quoted with {@code &}, {@code "}, {@code <}, {@code >} escaped, text has
 * {@code &}, {@code <}, {@code >} escaped, and {@code <style>}/{@code <script>} content is raw. That is all this
 * reader accepts; it is not an HTML parser for pages in general.
 */
final class RenderedDom {

    /** An element with its attributes, child elements and text. */
    static final class Element {
        final String name;
        final Map<String, String> attributes;
        final List<Element> children = new ArrayList<>();
        private final List<Object> nodes = new ArrayList<>(); // text and elements in document order
        private final Element parent;

        Element(String name, Map<String, String> attributes, Element parent) {
            this.name = name;
            this.attributes = attributes;
            this.parent = parent;
        }

        String attr(String attribute) {
            return attributes.get(attribute);
        }

        boolean hasClass(String cls) {
            String classes = attributes.get("class");
            return classes != null && List.of(classes.split("\\s+")).contains(cls);
        }

        /** @return this element and all below it, in document order */
        Stream<Element> all() {
            return Stream.concat(Stream.of(this), children.stream().flatMap(Element::all));
        }

        List<Element> find(Predicate<Element> test) {
            return all().filter(test).toList();
        }

        /** @return the text of this element and all below it */
        String textContent() {
            StringBuilder out = new StringBuilder();
            for (Object node : nodes) {
                out.append(node instanceof Element e ? e.textContent() : node);
            }
            return out.toString();
        }

        void add(Element child) {
            children.add(child);
            nodes.add(child);
        }

        void add(String textNode) {
            nodes.add(textNode);
        }

        Element ancestor(String elementName) {
            for (Element e = parent; e != null; e = e.parent) {
                if (e.name.equals(elementName)) {
                    return e;
                }
            }
            return null;
        }
    }

    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
            "meta", "source", "track", "wbr");
    private static final Set<String> RAW_TEXT = Set.of("script", "style");

    private RenderedDom() {
    }

    /** @return the document's root, holding {@code <html>} */
    static Element parse(String dom) {
        Element root = new Element("#document", Map.of(), null);
        Element current = root;
        int i = 0;
        while (i < dom.length()) {
            if (dom.startsWith("<!--", i)) {
                i = dom.indexOf("-->", i) + 3;
            } else if (dom.startsWith("<!", i)) {
                i = dom.indexOf('>', i) + 1;
            } else if (dom.startsWith("</", i)) {
                int end = dom.indexOf('>', i);
                String name = dom.substring(i + 2, end).trim().toLowerCase();
                if (!current.name.equals(name)) {
                    throw new IllegalArgumentException("</" + name + "> closes <" + current.name + "> at " + i);
                }
                current = current.parent;
                i = end + 1;
            } else if (dom.charAt(i) == '<') {
                i = startTag(dom, i, current);
                Element opened = current.children.get(current.children.size() - 1);
                if (RAW_TEXT.contains(opened.name)) {
                    int end = dom.indexOf("</" + opened.name + ">", i);
                    opened.add(dom.substring(i, end));
                    i = end + opened.name.length() + 3;
                } else if (!VOID.contains(opened.name)) {
                    current = opened;
                }
            } else {
                int end = dom.indexOf('<', i);
                end = end < 0 ? dom.length() : end;
                current.add(unescape(dom.substring(i, end)));
                i = end;
            }
        }
        return root;
    }

    /** Reads {@code <name a="v" b>} at {@code i}, adds the element to {@code parent}, returns the index after it. */
    private static int startTag(String dom, int i, Element parent) {
        int j = i + 1;
        while (j < dom.length() && !Character.isWhitespace(dom.charAt(j)) && dom.charAt(j) != '>' && dom.charAt(j) != '/') {
            j++;
        }
        String name = dom.substring(i + 1, j).toLowerCase();
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            while (Character.isWhitespace(dom.charAt(j)) || dom.charAt(j) == '/') {
                j++;
            }
            if (dom.charAt(j) == '>') {
                break;
            }
            int nameStart = j;
            while (dom.charAt(j) != '=' && dom.charAt(j) != '>' && !Character.isWhitespace(dom.charAt(j))) {
                j++;
            }
            String attribute = dom.substring(nameStart, j);
            String value = "";
            if (dom.charAt(j) == '=') {
                int close = dom.indexOf('"', j + 2); // values are always double-quoted in the serialization
                value = unescape(dom.substring(j + 2, close));
                j = close + 1;
            }
            attributes.put(attribute, value);
        }
        parent.add(new Element(name, attributes, parent));
        return j + 1;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }
}
