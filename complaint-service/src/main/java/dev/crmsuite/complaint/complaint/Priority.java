package dev.crmsuite.complaint.complaint;

/** Urgency of a complaint, lowest first; deadlines are set per priority. */
public enum Priority {
    LOW, MEDIUM, HIGH, URGENT;

    /** This priority raised by {@code levels}, capped at URGENT. */
    public Priority raisedBy(int levels) {
        Priority[] all = values();
        return all[Math.max(0, Math.min(all.length - 1, ordinal() + levels))];
    }

    public static Priority max(Priority a, Priority b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
