"""督办检查部门联系会议 (联系会议): the meetings of the departments that supervise and inspect, their
minutes and the decisions (决定事项) each turned into a 督办单 or a 检查发现问题."""
