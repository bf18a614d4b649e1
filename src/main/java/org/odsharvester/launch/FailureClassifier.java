package org.odsharvester.launch;

import java.util.ArrayList;
import java.util.List;

import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.ods.OdsAccessDeniedException;
import org.odsharvester.ods.OdsNotAPortalException;
import org.odsharvester.ods.OdsQuotaExceededException;
import org.odsharvester.udata.UdataAccessDeniedException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Maps whatever ended a run — at start-up or inside the job — to an exit code and one sentence an
 * operator can act on. The sentence never contains a secret: it is built from our own exception
 * messages, which never include keys.
 */
public final class FailureClassifier {

    /** @param exitCode the code; @param sentence one sentence for the operator */
    public record Failure(ExitCode exitCode, String sentence) {
    }

    private FailureClassifier() {
    }

    public static Failure classify(Throwable failure) {
        return classify(List.of(failure));
    }

    /** The most specific cause wins: quota over access over configuration over anything else. */
    public static Failure classify(List<Throwable> failures) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
                causes.add(t);
            }
        }
        for (Throwable t : causes) {
            if (t instanceof OdsQuotaExceededException quota) {
                String reset = quota.resetTime() == null ? "the time the portal's quota resets"
                        : quota.resetTime();
                return new Failure(ExitCode.QUOTA_EXHAUSTED, "The ODS portal's API quota is exhausted ("
                        + quota.getMessage() + "); relaunch the same command after " + reset
                        + " and the run resumes where it stopped.");
            }
        }
        for (Throwable t : causes) {
            if (t instanceof OdsAccessDeniedException || t instanceof UdataAccessDeniedException
                    || t instanceof OdsNotAPortalException
                    || t instanceof InvalidConfigurationException) {
                return new Failure(ExitCode.INVALID_CONFIGURATION, t.getMessage());
            }
        }
        for (Throwable t : causes) {
            if (t instanceof BindException bind) {
                String property = bind.getProperty() == null ? "an option" : bind.getProperty().getName().toString();
                Throwable root = causes.get(causes.size() - 1);
                return new Failure(ExitCode.INVALID_CONFIGURATION,
                        "Invalid value for " + property + ": " + root.getMessage());
            }
        }
        for (Throwable t : causes) {
            if (t instanceof JobExecutionAlreadyRunningException || isDatabaseLock(t)) {
                return new Failure(ExitCode.ALREADY_RUNNING,
                        "Another harvest is already running with this job repository (" + t.getMessage()
                                + "); nothing was done.");
            }
        }
        for (Throwable t : causes) {
            if (t instanceof RemoteSystemException) {
                return new Failure(ExitCode.FAILED, t.getMessage() + "; relaunch the same command to resume.");
            }
        }
        Throwable root = causes.isEmpty() ? null : causes.get(causes.size() - 1);
        String what = root == null ? "unknown error"
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new Failure(ExitCode.FAILED, "The harvest failed (" + what + "); relaunch the same command to resume.");
    }

    /** HSQLDB refuses a file database that another JVM holds: that JVM is a running harvest. */
    private static boolean isDatabaseLock(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return message.contains("lockFile") || message.contains("Database lock acquisition failure");
    }
}
