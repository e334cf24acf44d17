import type { CreateGoalRequest } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { AppState } from '../store/state';
import type { Store } from '../store/store';

export interface GoalActions {
  /**
   * Creates a goal (`goalId` null) or edits one; on success the dataset's goals are dropped from
   * the store, so the dashboard loader (dashboard-data.ts) fetches them measured again. Resolves
   * with the error to show, or null.
   */
  save: (datasetId: string, goalId: string | null, goal: CreateGoalRequest) => Promise<unknown>;
}

export function createGoalActions(api: ApiClient, store: Store<AppState>): GoalActions {
  return {
    save: async (datasetId, goalId, goal) => {
      try {
        if (goalId === null) await api.createGoal(datasetId, goal);
        else await api.updateGoal(datasetId, goalId, goal);
      } catch (error) {
        return error;
      }
      const dashboard = store.get().dashboard;
      const goals = new Map(dashboard.goals);
      for (const key of goals.keys()) if (key.startsWith(`${datasetId}@`)) goals.delete(key);
      store.set({ dashboard: { ...dashboard, goals } });
      return null;
    },
  };
}
