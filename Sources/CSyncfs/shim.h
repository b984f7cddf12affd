// Linux's syncfs(2): Glibc declares it only under _GNU_SOURCE, which Swift's Glibc module is built
// without. The archive flushes its file system once a run and needs the error it reports.
int syncfs(int fd);
