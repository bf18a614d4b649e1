package org.odsharvester.udata;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** Runs a tasklet the way a TaskletStep does: the same ChunkContext until it answers FINISHED. */
final class TaskletTestSupport {

    private TaskletTestSupport() {
    }

    /** Runs the tasklet to its end; returns the contribution and the number of iterations. */
    static Run run(Tasklet tasklet) throws Exception {
        return run(tasklet, MetaDataInstanceFactory.createStepExecution());
    }

    /** Runs the tasklet to its end within this step execution (and its job execution). */
    static Run run(Tasklet tasklet, StepExecution execution) throws Exception {
        StepContribution contribution = new StepContribution(execution);
        ChunkContext context = new ChunkContext(new StepContext(execution));
        int iterations = 0;
        RepeatStatus status;
        do {
            status = tasklet.execute(contribution, context);
            iterations++;
            if (iterations > 10_000) {
                throw new AssertionError("the tasklet never finished");
            }
        } while (status == RepeatStatus.CONTINUABLE);
        return new Run(contribution, iterations);
    }

    record Run(StepContribution contribution, int iterations) {
    }
}
