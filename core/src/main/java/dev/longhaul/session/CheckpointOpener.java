package dev.longhaul.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a run opens its journal. The files themselves ({@link #FILES}) everywhere; a test wraps them to make the journal
 * fail in the middle of a run, as a full disk does.
 */
interface CheckpointOpener {

    /** The journal on disk. */
    CheckpointOpener FILES = new CheckpointOpener() {
        @Override
        public Checkpoint create(Path file, ObjectNode start) throws IOException {
            return Checkpoint.create(file, start);
        }

        @Override
        public Checkpoint reopen(Path file, long validLength) throws IOException {
            return Checkpoint.reopen(file, validLength);
        }
    };

    /** See {@link Checkpoint#create(Path, ObjectNode)}. */
    Checkpoint create(Path file, ObjectNode start) throws IOException;

    /** See {@link Checkpoint#reopen(Path, long)}. */
    Checkpoint reopen(Path file, long validLength) throws IOException;
}
