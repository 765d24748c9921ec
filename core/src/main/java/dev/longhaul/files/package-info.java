/**
 * Writing output files safely: {@link dev.longhaul.files.AtomicFile} replaces a file only with complete content.
 */
package dev.longhaul.files;
